/*
 * The Goodwill Tour Map in Leaflet: what each element of goodwill/map/elements.py does in
 * the browser. Each element's script is one call to a function of window.GoodwillMap with
 * its options (and data) as JSON. Data text is only ever set as text (textContent).
 */
(function () {
    "use strict";

    // Pixels left between markers set side by side.
    const GAP = 2;

    function textElement(text) {
        const element = document.createElement("span");
        element.textContent = text;
        return element;
    }

    function featureCollection(features) {
        return {type: "FeatureCollection", features: features};
    }

    /*
     * The component's frame grows in steps after the map is made. Leaflet must learn every
     * new size (else it pans a focused marker "into view" mid-click and misplaces clicks);
     * the view is fitted once, on the first real size, so later resizes and reruns keep
     * the reader's own view.
     */
    function fitOnceSized(map, options) {
        let fitted = false;
        const observer = new ResizeObserver(function () {
            const size = map.getContainer().getBoundingClientRect();
            if (size.width === 0 || size.height === 0) { return; }
            map.invalidateSize({pan: false});
            if (!fitted) {
                fitted = true;
                map.fitBounds(options.bounds, {padding: [24, 24]});
            }
        });
        observer.observe(map.getContainer());
    }

    /*
     * Leaflet focuses its map on every mouse press, and the browser then scrolls the page to
     * show the whole map, between the press and the release. Focusing first, without
     * scrolling, makes Leaflet skip its own focus call.
     */
    function focusWithoutScrolling(map) {
        const container = map.getContainer();
        container.addEventListener("mousedown", function () {
            if (document.activeElement !== container) {
                container.focus({preventScroll: true});
            }
        }, true);
    }

    // Country and state borders, in a pane below every overlay: the basemap without tiles.
    function outline(map, options) {
        map.createPane("outline");
        map.getPane("outline").style.zIndex = 250;
        fetch(options.url)
            .then(function (response) { return response.json(); })
            .then(function (data) {
                L.geoJSON(data, {
                    pane: "outline",
                    interactive: false,
                    style: function (feature) {
                        const country = feature.properties.kind === "country";
                        return {
                            color: country ? "#555555" : "#9a9a9a",
                            weight: country ? 1.4 : 0.6,
                            fill: country,
                            fillColor: "#f4f1ea",
                            fillOpacity: 1,
                        };
                    },
                }).addTo(map);
            });
    }

    // The legend, made on the server with every text in it escaped.
    function legend(map, options) {
        const control = L.control({position: "topright"});
        control.onAdd = function () {
            const box = L.DomUtil.create("details", "gw-legend");
            box.innerHTML = options.html;
            // Open where there is room for it; folded on narrow maps (phones).
            box.open = map.getSize().x >= options.openFrom;
            L.DomEvent.disableClickPropagation(box);
            return box;
        };
        control.addTo(map);
    }

    /*
     * The places' markers, from rows [lat, lon, place_id, tooltip, icon, tour_stop,
     * planned]; options.icons holds each marker SVG once, options.status the words for
     * held and planned, options.selected the selected place (ringed, drawn above).
     */
    function markerLayer(parent, options, rows) {
        const icons = options.icons, status = options.status, selected = options.selected;
        const markers = rows.map(function ([lat, lon, id, tooltip, icon, stop, planned]) {
            const marker = L.marker([lat, lon], {
                icon: L.divIcon({
                    html: icons[icon],
                    className: id === selected ? "gw-marker gw-selected" : "gw-marker",
                    iconSize: stop ? [26, 26] : [18, 18],
                    iconAnchor: stop ? [13, 13] : [9, 9],
                }),
                zIndexOffset: id === selected ? 2000 : stop ? 1000 : 0,
            });
            // What st_folium returns for a click (layer.toGeoJSON()).
            marker.feature = {type: "Feature", properties: {place_id: id}};
            // The tooltip's element is made when it is first shown.
            marker.bindTooltip(function () { return textElement(tooltip); },
                {direction: "top", offset: [0, -12]});
            marker.on("add", function () {
                const element = marker.getElement();
                if (!element || element.dataset.placeId) { return; }
                element.setAttribute("aria-label", tooltip + " · " + status[planned]);
                element.setAttribute("data-place-id", id);
                if (id === selected) { element.setAttribute("aria-current", "true"); }
                // Leaflet makes markers focusable but Enter only opens a popup: make Enter
                // and Space select the place, as a click does.
                element.addEventListener("keydown", function (event) {
                    if (event.key === "Enter" || event.key === " ") {
                        event.preventDefault();
                        element.click();
                    }
                });
                // A mouse press would focus the marker, and the browser would scroll the
                // whole map into view between press and release, so the click landed
                // elsewhere. Focus stays for the keyboard; the mouse only clicks.
                element.addEventListener("mousedown", function (event) {
                    event.preventDefault();
                });
            });
            return marker;
        });
        parent.addLayer(L.featureGroup(markers));
    }

    // City pairs and route steps: each line styled by properties.style, its tooltip text.
    function lines(parent, options, features) {
        parent.addLayer(L.geoJSON(featureCollection(features), {
            style: function (feature) { return feature.properties.style; },
            onEachFeature: function (feature, layer) {
                layer.bindTooltip(textElement(feature.properties.tooltip), {sticky: true});
            },
        }));
    }

    // A dashed halo around each place known only to the country.
    function halos(parent, options, features) {
        parent.addLayer(L.geoJSON(featureCollection(features), {
            pointToLayer: function (feature, latlng) {
                return L.circle(latlng, {
                    radius: options.radius, color: "#666666", weight: 1, dashArray: "3 5",
                    fill: true, fillOpacity: 0.08, interactive: false,
                });
            },
        }));
    }

    // An arrow at the middle of each route step, turned to properties.bearing.
    function arrows(parent, options, features) {
        parent.addLayer(L.geoJSON(featureCollection(features), {
            pointToLayer: function (feature, latlng) {
                const svg = '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" '
                    + 'style="transform: rotate(' + Number(feature.properties.bearing) + 'deg)">'
                    + '<polygon points="8,1 14,15 8,11 2,15" fill="#333333"/></svg>';
                return L.marker(latlng, {
                    icon: L.divIcon({
                        html: svg, iconSize: [16, 16], iconAnchor: [8, 8], className: "gw-arrow",
                    }),
                    interactive: false,
                });
            },
        }));
    }

    /*
     * Markers that would overlap on screen are drawn side by side, each with a thin line to
     * a dot at its true position. Each group of overlapping markers is set on a circle
     * around its centre, in the order of their true bearings from it. The shift is a CSS
     * translate of the marker's element (its tooltip moves along): Leaflet's positioning and
     * the coordinates a click returns are untouched. Redone after every zoom and whenever
     * markers are added. Groups of more than options.maxGroup are left as they are.
     */
    function spreadOverlapping(map, options) {
        const maxGroup = options.maxGroup, ring = options.ring;
        // The selected marker's ring (map.css) reaches this far beyond it.
        map.getContainer().style.setProperty("--gw-ring", ring + "px");
        const leaders = L.layerGroup().addTo(map);
        let scheduled = false;

        function shownMarkers() {
            const items = [];
            map.eachLayer(function (layer) {
                // Place markers only: route arrows are Leaflet markers too.
                const element = layer instanceof L.Marker && layer.getElement();
                if (!element || !element.classList.contains("gw-marker")) { return; }
                items.push({
                    layer: layer,
                    at: map.latLngToLayerPoint(layer.getLatLng()),
                    // The selected marker's ring counts: it would cover its neighbour.
                    radius: layer.options.icon.options.iconSize[0] / 2
                        + (element.classList.contains("gw-selected") ? ring : 0),
                });
            });
            return items;
        }

        // Markers that overlap, directly or through a neighbour, form one group; a grid of
        // cells as wide as two markers finds the candidates without comparing all pairs.
        function overlappingGroups(items) {
            const parent = items.map(function (item, index) { return index; });
            const root = function (i) {
                while (parent[i] !== i) { i = parent[i] = parent[parent[i]]; }
                return i;
            };
            const cell = 2 * items.reduce(function (largest, item) {
                return Math.max(largest, item.radius);
            }, 0) + GAP;
            const grid = new Map();
            items.forEach(function (item, i) {
                const cx = Math.floor(item.at.x / cell), cy = Math.floor(item.at.y / cell);
                for (let dx = -1; dx <= 1; dx++) {
                    for (let dy = -1; dy <= 1; dy++) {
                        for (const j of grid.get((cx + dx) + "," + (cy + dy)) || []) {
                            const apart = item.radius + items[j].radius + GAP;
                            if (item.at.distanceTo(items[j].at) < apart) {
                                parent[root(i)] = root(j);
                            }
                        }
                    }
                }
                const key = cx + "," + cy;
                if (!grid.has(key)) { grid.set(key, []); }
                grid.get(key).push(i);
            });
            const groups = new Map();
            items.forEach(function (item, i) {
                const r = root(i);
                if (!groups.has(r)) { groups.set(r, []); }
                groups.get(r).push(item);
            });
            return groups.values();
        }

        function shift(item, offset) {
            const moved = offset.x !== 0 || offset.y !== 0;
            const element = item.layer.getElement();
            element.style.translate = moved ? offset.x + "px " + offset.y + "px" : "";
            element.classList.toggle("gw-spread", moved);
            const tooltip = item.layer.getTooltip();
            if (tooltip) {
                tooltip.gwOffset = tooltip.gwOffset || L.point(tooltip.options.offset);
                tooltip.options.offset = tooltip.gwOffset.add(offset);
            }
            if (moved) {
                const shown = map.layerPointToLatLng(item.at.add(offset));
                L.polyline([item.layer.getLatLng(), shown], {
                    color: "#333333", weight: 1.5, interactive: false, className: "gw-leader",
                }).addTo(leaders);
                L.circleMarker(item.layer.getLatLng(), {
                    radius: 3, stroke: false, fillColor: "#333333", fillOpacity: 1,
                    interactive: false, className: "gw-true-spot",
                }).addTo(leaders);
            }
        }

        function spread() {
            scheduled = false;
            leaders.clearLayers();
            for (const group of overlappingGroups(shownMarkers())) {
                if (group.length === 1 || group.length > maxGroup) {
                    group.forEach(function (item) { shift(item, L.point(0, 0)); });
                    continue;
                }
                const centre = group.reduce(function (sum, item) {
                    return sum.add(item.at);
                }, L.point(0, 0)).divideBy(group.length);
                const bearing = function (item) {
                    return Math.atan2(item.at.y - centre.y, item.at.x - centre.x);
                };
                group.sort(function (a, b) { return bearing(a) - bearing(b); });
                const largest = Math.max(...group.map(function (item) { return item.radius; }));
                const radius = (largest + GAP / 2) / Math.sin(Math.PI / group.length);
                const start = bearing(group[0]);
                group.forEach(function (item, k) {
                    const angle = start + 2 * Math.PI * k / group.length;
                    const spot = centre.add(L.point(Math.cos(angle), Math.sin(angle))
                        .multiplyBy(radius));
                    shift(item, spot.subtract(item.at));
                });
            }
        }

        function schedule(event) {
            // Only place markers count: the leaders added by spread() would loop.
            if (event.layer && !event.layer.feature) { return; }
            if (!scheduled) {
                scheduled = true;
                requestAnimationFrame(spread);
            }
        }
        map.on("zoomend", schedule);
        map.on("layeradd", schedule);
    }

    window.GoodwillMap = {
        fitOnceSized: fitOnceSized,
        focusWithoutScrolling: focusWithoutScrolling,
        outline: outline,
        legend: legend,
        markerLayer: markerLayer,
        lines: lines,
        halos: halos,
        arrows: arrows,
        spreadOverlapping: spreadOverlapping,
    };
})();
