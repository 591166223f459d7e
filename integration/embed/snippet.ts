/**
 * The text of `/embed.js`, served as it is: plain ES5 that any page runs, kept under 2 KB
 * gzipped. A string rather than a .js file, so that it travels with the compiled package.
 */
export const EMBED_SNIPPET = `/*! astro-instagram-sync embed: <script src="https://<site>/embed.js" data-ais-event="<event id>" async></script>
   (or data-ais-feed) puts the gallery in an iframe right after the script tag and keeps it as tall as its content. */
(function () {
  var script = document.currentScript;
  if (!script || script.getAttribute('data-ais-frame')) return;
  var event = script.getAttribute('data-ais-event');
  if (!event && !script.hasAttribute('data-ais-feed')) {
    console.warn('embed.js: add data-ais-event="<event id>" or data-ais-feed to its script tag');
    return;
  }
  var id = 'ais-' + Math.random().toString(36).slice(2, 10);
  // Relative to this script, so a site served under a base path works too.
  var url = new URL(event ? 'embed/g/' + encodeURIComponent(event) + '/' : 'embed/feed/', script.src);
  url.hash = 'frame=' + id;

  var frame = document.createElement('iframe');
  frame.id = id;
  frame.title = script.getAttribute('data-ais-title') || (event ? 'Event photo gallery' : 'Instagram posts');
  frame.setAttribute('loading', 'lazy');
  frame.height = script.getAttribute('data-ais-height') || '600';
  frame.style.cssText = 'display:block;width:100%;border:0;overflow:hidden';
  frame.src = url.href;
  script.setAttribute('data-ais-frame', id);
  script.parentNode.insertBefore(frame, script.nextSibling);

  addEventListener('message', function (message) {
    var data = message.data;
    // Only this frame's page, from this script's own origin, may resize it.
    if (message.origin !== url.origin || message.source !== frame.contentWindow) return;
    if (!data || data.type !== 'ais:height' || data.id !== id || !(data.height > 0)) return;
    frame.style.height = Math.ceil(data.height) + 'px';
  });
})();
`;
