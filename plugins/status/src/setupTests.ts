import '@testing-library/jest-dom';

// jsdom does no layout; the dependency graph measures its nodes with getBBox.
if (typeof SVGElement !== 'undefined' && !('getBBox' in SVGElement.prototype)) {
  Object.defineProperty(SVGElement.prototype, 'getBBox', {
    value: () => ({ x: 0, y: 0, width: 120, height: 40 }),
  });
}
