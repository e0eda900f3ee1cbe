// Hover details for the timeline: an element with data-tip shows its text in a box by the pointer.
// (Each bar also has an SVG <title>, the browser's own tooltip, for when this script is not run.)
'use strict';
(() => {
  let tip = null;
  const hide = () => {
    if (tip) tip.hidden = true;
  };
  document.addEventListener('mouseover', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-tip]') : null;
    if (!target) return hide();
    if (!tip) {
      tip = document.createElement('div');
      tip.className = 'tip';
      tip.setAttribute('role', 'tooltip');
      document.body.append(tip);
    }
    tip.textContent = target.getAttribute('data-tip'); // text, never markup
    tip.hidden = false;
  });
  document.addEventListener('mousemove', (event) => {
    if (!tip || tip.hidden) return;
    const x = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    tip.style.left = `${Math.max(x, 4)}px`;
    tip.style.top = `${event.clientY + 16}px`;
  });
  document.addEventListener('mouseleave', hide);
})();
