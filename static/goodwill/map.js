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
     * st_folium adds the map's stylesheets (Leaflet's, map.css) and runs the map without
     * waiting for them: what depends on the size of a control or a label is done again, by
     * callback, as each one arrives.
     */
    function whenStylesheetsLoad(callback) {
        for (const link of document.querySelectorAll("link[rel=stylesheet]")) {
            if (!link.sheet) { link.addEventListener("load", callback, {once: true}); }
        }
    }

    // Boxes ({x1, y1, x2, y2}, in the map's container) that touch do not overlap.
    function overlap(a, b) {
        return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
    }

    // A node's box in the map's container.
    function boxIn(map, node) {
        const origin = map.getContainer().getBoundingClientRect();
        const rect = node.getBoundingClientRect();
        return {
            x1: rect.left - origin.left, y1: rect.top - origin.top,
            x2: rect.right - origin.left, y2: rect.bottom - origin.top,
        };
    }

    // The boxes of the map's controls: zoom, "whole tour", legend, scale, attribution.
    function controlBoxes(map) {
        return [...map.getContainer().querySelectorAll(".leaflet-control")].map(function (node) {
            return boxIn(map, node);
        });
    }

    // The boxes of the places' markers on the map, at their places (before any spreading).
    function placeBoxes(map) {
        const boxes = [];
        map.eachLayer(function (layer) {
            if (!layer.gwPlace) { return; }
            const at = map.latLngToContainerPoint(layer.getLatLng());
            const radius = layer.options.icon.options.iconSize[0] / 2;
            boxes.push({x1: at.x - radius, y1: at.y - radius, x2: at.x + radius, y2: at.y + radius});
        });
        return boxes;
    }

    // Run callback(map) once layer is on a map: a data layer's script runs before its
    // feature group is added.
    function whenOnMap(layer, callback) {
        if (layer._map) {
            callback(layer._map);
        } else {
            layer.once("add", function () { callback(layer._map); });
        }
    }

    /*
     * The map's view: it fits the places the filters keep, with room around them for their
     * markers (options.padding, in pixels; the labels find room of their own), clear of the
     * map's controls, and keeps fitting them as the map is resized until the reader moves it. The component's frame grows in steps after the map
     * is made, and Leaflet must learn every new size (else it pans a focused marker "into
     * view" mid-click and misplaces clicks); the fit must use the real size. A "whole tour"
     * button (options.label) fits the kept places again. The data layers tell the view which
     * places are kept (GoodwillMap.placesInView), and which place to bring into view
     * (GoodwillMap.tourLayers).
     */
    function tourView(map, options) {
        const view = {bounds: null, places: null, following: true};
        let fitting = false;

        function sized() {
            const size = map.getContainer().getBoundingClientRect();
            return size.width > 0 && size.height > 0;
        }

        function fit() {
            view.following = true;
            if (!view.bounds || !sized()) { return; }
            // A zoom still animating would end where it was going, over the fit: fit after.
            if (map._animatingZoom) {
                map.once("zoomend", fit);
                return;
            }
            // Not animated: the moves it makes are then over before fitting is false again.
            fitting = true;
            const padding = L.point(options.padding, options.padding);
            const fitted = {maxZoom: options.maxZoom, animate: false};
            map.fitBounds(view.bounds, L.extend({padding: padding}, fitted));
            // The legend folds if it covers a place (GoodwillMap.legend); a control that still
            // does is given room: the view is fitted again inside the rest.
            map.fire("gwfit");
            const room = roomForControls();
            if (room) {
                map.fitBounds(view.bounds, L.extend({
                    paddingTopLeft: padding.add(room.topLeft),
                    paddingBottomRight: padding.add(room.bottomRight),
                }, fitted));
            }
            fitting = false;
        }

        /*
         * How far to keep the places from each edge so that no control covers one: each
         * covering control is cleared on the side that costs the map the least of its
         * size. Null when no control covers a place.
         */
        function roomForControls() {
            const places = placeBoxes(map), size = map.getSize();
            const topLeft = L.point(0, 0), bottomRight = L.point(0, 0);
            let covering = false;
            for (const control of controlBoxes(map)) {
                if (!places.some(function (place) { return overlap(place, control); })) {
                    continue;
                }
                covering = true;
                const left = control.x1 < size.x / 2, top = control.y1 < size.y / 2;
                const width = left ? control.x2 : size.x - control.x1;
                const height = top ? control.y2 : size.y - control.y1;
                if (width / size.x <= height / size.y) {
                    const side = left ? topLeft : bottomRight;
                    side.x = Math.max(side.x, width);
                } else {
                    const side = top ? topLeft : bottomRight;
                    side.y = Math.max(side.y, height);
                }
            }
            return covering ? {topLeft: topLeft, bottomRight: bottomRight} : null;
        }

        // Shown unless it lies in the margin the fit leaves, or beyond.
        function inView(latLng) {
            const point = map.latLngToContainerPoint(latLng), size = map.getSize();
            const margin = options.padding;
            return point.x >= margin && point.y >= margin
                && point.x <= size.x - margin && point.y <= size.y - margin;
        }

        // A move the reader makes (drag, zoom, keys, pinch) ends the following; the fit's own
        // moves do not.
        map.on("movestart zoomstart", function () {
            if (!fitting) { view.following = false; }
        });
        new ResizeObserver(function () {
            if (!sized()) { return; }
            map.invalidateSize({pan: false});
            if (view.following) { fit(); }
        }).observe(map.getContainer());
        // The controls' sizes (which places they cover) come with the stylesheets.
        whenStylesheetsLoad(function () {
            if (view.following) { fit(); }
        });

        const control = L.control({position: "topleft"});
        control.onAdd = function () {
            const bar = L.DomUtil.create("div", "leaflet-bar gw-whole-tour");
            const button = L.DomUtil.create("button", "", bar);
            button.type = "button";
            button.textContent = options.label;
            L.DomEvent.disableClickPropagation(bar);
            // On the next frame: a zoom the reader just asked for starts then, and the fit
            // waits for it to end rather than be undone by it.
            L.DomEvent.on(button, "click", function () { requestAnimationFrame(fit); });
            return bar;
        };
        control.addTo(map);

        /*
         * kept.places names the set of kept places (kept.bounds their corners): a new set
         * is a filter change, and is fitted.
         */
        map.gwView = function (kept) {
            if (kept.places !== view.places) {
                view.places = kept.places;
                view.bounds = kept.bounds && L.latLngBounds(kept.bounds);
                fit();
            }
        };
        // A place chosen elsewhere: the map pans to it if it is not in view, and a reader
        // who zoomed in keeps the zoom. While the view follows the fit, every kept place
        // is in it.
        map.gwBringIntoView = function (latLng) {
            if (!view.following && !inView(latLng)) { map.panTo(latLng); }
        };
    }

    // The kept places, for the view (tourView).
    function placesInView(parent, options) {
        whenOnMap(parent, function (map) { map.gwView(options); });
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
            // Open where there is room for it; folded on narrow maps (phones), and folded
            // whenever the view is fitted with a place under it, until the reader opens or
            // folds it.
            box.open = map.getSize().x >= options.openFrom;
            let chosen = false;
            box.querySelector("summary").addEventListener("click", function () {
                chosen = true;
            });
            map.on("gwfit", function () {
                const legend = boxIn(map, box);
                if (!chosen && box.open && placeBoxes(map).some(function (place) {
                    return overlap(place, legend);
                })) {
                    box.open = false;
                }
            });
            L.DomEvent.disableClickPropagation(box);
            return box;
        };
        control.addTo(map);
    }

    /*
     * A place's marker, from its row [lat, lon, place_id, tooltip, icon, tour_stop,
     * planned, name]: icons holds each marker SVG once, status the words for held and
     * planned. The name is the marker's label (GoodwillMap.placeLabels). Whether it is
     * selected (ringed, drawn above the others) is marker.gwPlace.selected, shown by
     * showSelected whenever its element is made or the selection changes.
     */
    function placeMarker([lat, lon, id, tooltip, icon, stop, planned, name], icons, status) {
        const marker = L.marker([lat, lon], {
            icon: L.divIcon({
                html: icons[icon],
                className: "gw-marker",
                iconSize: stop ? [26, 26] : [18, 18],
                iconAnchor: stop ? [13, 13] : [9, 9],
            }),
            zIndexOffset: stop ? 1000 : 0,
        });
        // What st_folium returns for a click (layer.toGeoJSON()).
        marker.feature = {type: "Feature", properties: {place_id: id}};
        marker.gwPlace = {id: id, name: name, stop: Boolean(stop), selected: false};
        // The tooltip's element is made when it is first shown.
        marker.bindTooltip(function () { return textElement(tooltip); },
            {direction: "top", offset: [0, -12]});
        marker.on("add", function () {
            const element = marker.getElement();
            if (!element || element.dataset.placeId) { return; }
            element.setAttribute("aria-label", tooltip + " · " + status[planned]);
            element.setAttribute("data-place-id", id);
            showSelected(marker);
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
    }

    function showSelected(marker) {
        const selected = marker.gwPlace.selected, element = marker.getElement();
        marker.setZIndexOffset(selected ? 2000 : marker.gwPlace.stop ? 1000 : 0);
        if (!element) { return; }
        element.classList.toggle("gw-selected", selected);
        if (selected) {
            element.setAttribute("aria-current", "true");
        } else {
            element.removeAttribute("aria-current");
        }
    }

    // City pairs and route steps: each line styled by properties.style, its tooltip text.
    function lineLayer(features) {
        return L.geoJSON(featureCollection(features), {
            style: function (feature) { return feature.properties.style; },
            onEachFeature: function (feature, layer) {
                layer.bindTooltip(textElement(feature.properties.tooltip), {sticky: true});
            },
        });
    }

    // A dashed halo around each place known only to the country.
    function haloLayer(features, radius) {
        return L.geoJSON(featureCollection(features), {
            pointToLayer: function (feature, latlng) {
                return L.circle(latlng, {
                    radius: radius, color: "#666666", weight: 1, dashArray: "3 5",
                    fill: true, fillOpacity: 0.08, interactive: false,
                });
            },
        });
    }

    // An arrow at the middle of each route step, turned to properties.bearing.
    function arrowLayer(features) {
        return L.geoJSON(featureCollection(features), {
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
        });
    }

    /*
     * Everything the tour draws, from one document (goodwill.map.data.MapData.document):
     * lines, halos, arrows and a marker per place; with options.cluster, the places that
     * are neither a tour stop nor the selected place are clustered, so clustering never
     * hides those. Made once per document, it stays on the map while the selection
     * changes: select() only moves the ring (and the selected marker out of its cluster),
     * and brings a place chosen elsewhere into view.
     */
    function tourDrawing(map, data, options) {
        const root = L.featureGroup();
        for (const features of [data.pairs, data.route]) {
            if (features.length) { root.addLayer(lineLayer(features)); }
        }
        if (data.arrows.length) { root.addLayer(arrowLayer(data.arrows)); }
        if (data.halos.length) { root.addLayer(haloLayer(data.halos, options.haloRadius)); }
        const markers = new Map();
        for (const row of data.markers) {
            const marker = placeMarker(row, data.icons, data.status);
            markers.set(marker.gwPlace.id, marker);
        }
        // The markers of their own first: they are drawn before the clusters are made.
        const own = L.featureGroup().addTo(root);
        const cluster = options.cluster && L.markerClusterGroup(options.cluster);
        const inCluster = function (marker) {
            return cluster && !marker.gwPlace.stop && !marker.gwPlace.selected;
        };
        const all = [...markers.values()];
        all.filter(function (marker) { return !inCluster(marker); }).forEach(function (marker) {
            own.addLayer(marker);
        });
        if (cluster) {
            cluster.addLayers(all.filter(inCluster));
            root.addLayer(cluster);
        }
        let selected = null, clicked = null;
        root.on("click", function (event) {
            clicked = event.layer && event.layer.gwPlace ? event.layer.gwPlace.id : null;
        });

        // Ring the place id names; when it is newly chosen (chosen), bring it into view
        // unless the reader just clicked it on the map.
        function select(id, chosen) {
            const marker = markers.get(id) || null;
            if (chosen && marker && id !== clicked && map.gwBringIntoView) {
                map.gwBringIntoView(marker.getLatLng());
            }
            clicked = null;
            if (marker === selected) { return; }
            for (const [changed, isSelected] of [[selected, false], [marker, true]]) {
                if (!changed) { continue; }
                const wasClustered = inCluster(changed);
                changed.gwPlace.selected = isSelected;
                if (wasClustered !== inCluster(changed)) {
                    (wasClustered ? cluster : own).removeLayer(changed);
                    (wasClustered ? own : cluster).addLayer(changed);
                }
                showSelected(changed);
            }
            selected = marker;
            // The ring changes how far the marker reaches, and which label goes first.
            map.fire("gwselect");
        }

        return {root: root, select: select};
    }

    /*
     * The tour's layers: the document inline (the standalone map) or fetched from
     * options.url (a static file the browser caches), drawn once per document. A loading
     * state (options.loading) stands in the map until the places are drawn, and a message
     * (options.failed) if they cannot be fetched. Clicks on the drawing reach the feature
     * group this call belongs to (parent), where st_folium listens.
     */
    function tourLayers(parent, options, inline) {
        whenOnMap(parent, function (map) {
            const source = options.url || inline;
            let shown = map.gwTourLayers;
            if (!shown || shown.source !== source) {
                if (shown) { shown.remove(); }
                shown = map.gwTourLayers = loadedDrawing(map, source, options, inline);
            }
            shown.listenOn(parent);
        });
    }

    /*
     * The selected place is the one the page's address names: options.placeParameter, or
     * options.stepParameter, a step of the story, whose place data.steps lists. The app
     * keeps its address in step with the selection, so the map follows a new selection
     * without a message of its own (which would send the whole map again). The map's frame
     * is the app's own page's child; anything else (a file opened alone) has no selection.
     */
    function selectedInAddress(options, steps) {
        let query;
        try {
            query = new URLSearchParams(window.parent.location.search);
        } catch (error) {
            return null;
        }
        const step = query.get(options.stepParameter);
        if (step !== null) { return steps[Number(step) - 1] || null; }
        return query.get(options.placeParameter);
    }

    function loadedDrawing(map, source, options, inline) {
        let drawing = null, parent = null, selected = null, removed = false, notice = null;
        let steps = [];

        function draw(data) {
            if (removed) { return; }
            drawing = tourDrawing(map, data, options);
            steps = data.steps;
            selected = selectedInAddress(options, steps);
            drawing.select(selected, false);
            if (parent) { drawing.root.addEventParent(parent); }
            map.addLayer(drawing.root);
            if (notice) { notice.remove(); }
            requestAnimationFrame(follow);
        }

        // Every frame: one string read and compared.
        function follow() {
            if (removed) { return; }
            const id = selectedInAddress(options, steps);
            if (id !== selected) {
                selected = id;
                drawing.select(id, true);
            }
            requestAnimationFrame(follow);
        }

        if (inline) {
            draw(inline);
        } else {
            notice = L.DomUtil.create("div", "gw-loading", map.getContainer());
            notice.setAttribute("role", "status");
            notice.textContent = options.loading;
            fetch(options.url).then(function (response) {
                if (!response.ok) { throw new Error(response.status + " " + options.url); }
                return response.json();
            }).then(draw).catch(function (error) {
                if (removed) { return; }
                notice.setAttribute("role", "alert");
                notice.classList.add("gw-failed");
                notice.textContent = options.failed;
                console.error(error);
            });
        }
        return {
            source: source,
            listenOn: function (newParent) {
                if (drawing) {
                    if (parent) { drawing.root.removeEventParent(parent); }
                    drawing.root.addEventParent(newParent);
                }
                parent = newParent;
            },
            remove: function () {
                removed = true;
                if (notice) { notice.remove(); }
                if (drawing) { map.removeLayer(drawing.root); }
            },
        };
    }

    /*
     * Markers that would overlap on screen are drawn side by side, each with a thin line to
     * a dot at its true position. Each group of overlapping markers is set on a circle
     * around its centre, in the order of their true bearings from it. The shift is a CSS
     * translate of the marker's element (its tooltip moves along): Leaflet's positioning and
     * the coordinates a click returns are untouched. Redone after every zoom, move or resize
     * and whenever markers come or go; then it fires "gwspread" with each marker's item
     * (layer, at, drawn, radius). Groups of more than options.maxGroup are left as they are.
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
            item.drawn = item.at.add(offset);
            const element = item.layer.getElement();
            element.style.translate = moved ? offset.x + "px " + offset.y + "px" : "";
            element.classList.toggle("gw-spread", moved);
            const tooltip = item.layer.getTooltip();
            if (tooltip) {
                tooltip.gwOffset = tooltip.gwOffset || L.point(tooltip.options.offset);
                tooltip.options.offset = tooltip.gwOffset.add(offset);
            }
            if (moved) {
                const shown = map.layerPointToLatLng(item.drawn);
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
            const items = shownMarkers();
            for (const group of overlappingGroups(items)) {
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
            // Where each marker is drawn now, for the labels (GoodwillMap.placeLabels).
            map.fire("gwspread", {items: items});
        }

        function schedule(event) {
            // Only place markers count: the leaders added by spread() would loop.
            if (event.layer && !event.layer.feature) { return; }
            if (!scheduled) {
                scheduled = true;
                requestAnimationFrame(spread);
            }
        }
        // A move or a new size changes what is in view, and so which labels fit.
        map.on("zoomend moveend resize layeradd layerremove gwselect", schedule);
    }

    /*
     * Permanent labels that name the places: every tour stop, the selected place, and the
     * other places when there is room. Each label tries the spots right of, left of, above
     * and below its marker as drawn (after GoodwillMap.spreadOverlapping, whose "gwspread"
     * redoes them), then the four corners, and takes the first that lies inside the map,
     * clear of every marker, every control (zoom, legend, scale) and every label placed
     * before it; a label with no such spot is left out. Tour stops come first, then the
     * selected place, then the others, and the others only while options.maxOthers or fewer
     * of them are in view: only placed labels have an element, however large the tour.
     */
    function placeLabels(map, options) {
        map.createPane("gw-labels");
        const pane = map.getPane("gw-labels");
        // Each marker already says its place's name to assistive technology.
        pane.setAttribute("aria-hidden", "true");
        const context = document.createElement("canvas").getContext("2d");
        const styles = new Map();  // label class -> its font, padding and height
        const widths = new Map();  // class and text -> width in pixels
        let elements = new Map();  // place id -> its label element

        function labelClass(place) {
            return place.stop ? "gw-label gw-label-stop" : "gw-label";
        }

        /*
         * The font, padding and height of each kind of label, from map.css; false until
         * map.css applies (a label is then positioned absolutely): whenStylesheetsLoad.
         */
        function measureStyles() {
            for (const className of ["gw-label", "gw-label gw-label-stop"]) {
                if (styles.has(className)) { continue; }
                const probe = L.DomUtil.create("div", className, pane);
                const style = getComputedStyle(probe);
                const sum = function (...names) {
                    return names.reduce(function (total, name) {
                        return total + parseFloat(style[name]);
                    }, 0);
                };
                if (style.position === "absolute") {
                    styles.set(className, {
                        font: [style.fontStyle, style.fontWeight, style.fontSize, style.fontFamily]
                            .join(" "),
                        extra: sum("paddingLeft", "paddingRight", "borderLeftWidth",
                            "borderRightWidth"),
                        height: sum("lineHeight", "paddingTop", "paddingBottom", "borderTopWidth",
                            "borderBottomWidth"),
                    });
                }
                probe.remove();
            }
            return styles.size === 2;
        }

        // A label's size, measured on a canvas in the label's own font: no element is made
        // for a label that does not fit.
        function labelSize(place) {
            const style = styles.get(labelClass(place));
            const key = labelClass(place) + "\n" + place.name;
            if (!widths.has(key)) {
                context.font = style.font;
                widths.set(key, Math.ceil(context.measureText(place.name).width) + style.extra);
            }
            return L.point(widths.get(key), style.height);
        }

        function box(x, y, size) {
            return {x1: x, y1: y, x2: x + size.x, y2: y + size.y};
        }

        // The spots a label may take, best first: beside the marker (right, left, above,
        // below), level with its centre, then slid along that side as far as the label
        // still faces the marker, then at its corners.
        function spots(centre, radius, size) {
            const gap = options.gap;
            const right = centre.x + radius + gap, left = centre.x - radius - gap - size.x;
            const above = centre.y - radius - gap - size.y, below = centre.y + radius + gap;
            const level = slide(centre.y - size.y, centre.y);
            const facing = slide(centre.x - size.x + radius, centre.x - radius);
            const sides = [
                level.map(function (y) { return box(right, y, size); }),
                level.map(function (y) { return box(left, y, size); }),
                facing.map(function (x) { return box(x, above, size); }),
                facing.map(function (x) { return box(x, below, size); }),
            ];
            const spots = [];
            for (let step = 0; step < level.length; step++) {
                for (const side of sides) { spots.push(side[step]); }
            }
            const corner = radius * Math.SQRT1_2;
            return spots.concat([
                box(centre.x + corner, centre.y - corner - size.y, size),
                box(centre.x + corner, centre.y + corner, size),
                box(centre.x - corner - size.x, centre.y - corner - size.y, size),
                box(centre.x - corner - size.x, centre.y + corner, size),
            ]);
        }

        // From the middle of [low, high] out to its ends, alternately.
        function slide(low, high) {
            const middle = (low + high) / 2, half = Math.abs(high - low) / 2;
            return [0, -0.5, 0.5, -1, 1].map(function (share) { return middle + share * half; });
        }

        function distance(spot, point) {
            const dx = Math.max(spot.x1 - point.x, 0, point.x - spot.x2);
            const dy = Math.max(spot.y1 - point.y, 0, point.y - spot.y2);
            return Math.hypot(dx, dy);
        }

        let latest = null;
        whenStylesheetsLoad(function () {
            if (latest) { layout(latest); }
        });
        function layout(event) {
            latest = event;
            if (!measureStyles()) { return; }  // again when map.css arrives
            const size = map.getSize(), edge = options.gap;
            // A phone's narrow map shows the whole tour small: smaller names fit more (map.css).
            const narrow = size.x < options.narrowBelow;
            if (narrow !== map.getContainer().classList.contains("gw-narrow")) {
                map.getContainer().classList.toggle("gw-narrow", narrow);
                styles.clear();
                widths.clear();
                if (!measureStyles()) { return; }
            }
            const inside = function (b) {
                return b.x1 >= edge && b.y1 >= edge && b.x2 <= size.x - edge && b.y2 <= size.y - edge;
            };
            const shown = event.items.filter(function (item) { return item.layer.gwPlace; })
                .map(function (item) {
                    const centre = map.layerPointToContainerPoint(item.drawn || item.at);
                    return {place: item.layer.gwPlace, centre: centre, radius: item.radius,
                        box: box(centre.x - item.radius, centre.y - item.radius,
                            L.point(2 * item.radius, 2 * item.radius))};
                });
            const inMap = shown.filter(function (item) { return inside(item.box); });
            const rank = function (item) {
                return item.place.stop ? 0 : item.place.selected ? 1 : 2;
            };
            const others = inMap.filter(function (item) { return rank(item) === 2; }).length;
            const taken = controlBoxes(map).concat(shown.map(function (item) { return item.box; }));
            // A spot is free when it is in the map, covers nothing taken, and no other marker
            // is clearly nearer to it than its own (else the label would seem to name that
            // one): nearer by more than the gap between a label and its marker.
            const free = function (item, spot) {
                if (!inside(spot) || taken.some(function (other) { return overlap(spot, other); })) {
                    return false;
                }
                const own = distance(spot, item.centre) - edge;
                return !inMap.some(function (other) {
                    return other !== item && distance(spot, other.centre) < own;
                });
            };
            const labelled = inMap
                .filter(function (item) { return rank(item) < 2 || others <= options.maxOthers; })
                .map(function (item) {
                    const itemSpots = spots(item.centre, item.radius, labelSize(item.place));
                    const choices = itemSpots.filter(function (spot) { return free(item, spot); });
                    return {item: item, spots: itemSpots, choices: choices.length};
                })
                // The labels with the fewest free spots choose first, while they have any.
                .sort(function (a, b) {
                    return rank(a.item) - rank(b.item) || a.choices - b.choices;
                });
            const placed = new Map();
            for (const {item, spots: itemSpots} of labelled) {
                const labelBox = itemSpots.find(function (spot) { return free(item, spot); });
                if (!labelBox) { continue; }
                // Labels keep a gap between them too.
                taken.push({x1: labelBox.x1 - edge, y1: labelBox.y1 - edge,
                    x2: labelBox.x2 + edge, y2: labelBox.y2 + edge});
                const element = elements.get(item.place.id) || L.DomUtil.create("div", "", pane);
                // A place kept again may have become, or stopped being, a tour stop.
                if (element.className !== labelClass(item.place)) {
                    element.className = labelClass(item.place);
                }
                if (element.textContent !== item.place.name) {
                    element.textContent = item.place.name;
                }
                element.dataset.labelFor = item.place.id;
                L.DomUtil.setPosition(element,
                    map.containerPointToLayerPoint([labelBox.x1, labelBox.y1]).round());
                placed.set(item.place.id, element);
            }
            for (const [id, element] of elements) {
                if (!placed.has(id)) { element.remove(); }
            }
            elements = placed;
        }

        map.on("gwspread", layout);
    }

    /*
     * Leaflet's own controls in the reader's language: the zoom buttons' titles (their
     * accessible names too) and the attribution's link to Leaflet, rebuilt as an element so
     * that its title is text, never markup.
     */
    function controlTitles(map, options) {
        for (const [selector, title] of [
            [".leaflet-control-zoom-in", options.zoomIn],
            [".leaflet-control-zoom-out", options.zoomOut],
        ]) {
            const button = map.getContainer().querySelector(selector);
            if (button) {
                button.title = title;
                button.setAttribute("aria-label", title);
            }
        }
        if (map.attributionControl) {
            const link = document.createElement("a");
            link.href = "https://leafletjs.com";
            link.title = options.leaflet;
            link.textContent = "Leaflet";
            map.attributionControl.setPrefix(link.outerHTML);
        }
    }

    /*
     * st_folium tells its frontend that the map's value starts with no click count (None)
     * and the frontend starts counting at 0: that difference alone made the component send
     * a value as soon as it mounted, and every page load ran the page twice. Counting from
     * null (null + 1 is 1) leaves the map's value equal to its default until the first
     * click. Only inside st_folium's frame: the standalone map has no component state.
     */
    function countClicksFromNone() {
        const state = window.__GLOBAL_DATA__;
        if (state && state.last_object_clicked_count === 0) {
            state.last_object_clicked_count = null;
        }
    }

    window.GoodwillMap = {
        countClicksFromNone: countClicksFromNone,
        controlTitles: controlTitles,
        tourView: tourView,
        placesInView: placesInView,
        focusWithoutScrolling: focusWithoutScrolling,
        outline: outline,
        legend: legend,
        tourLayers: tourLayers,
        spreadOverlapping: spreadOverlapping,
        placeLabels: placeLabels,
    };
})();
