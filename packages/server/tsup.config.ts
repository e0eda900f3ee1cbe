import { packageBuild } from '../../tsup.base.js';

// The service finds its model and web files beside its code, in either module format;
// `startServerThread` runs `dist/thread/main.js` on the service's thread.
export default packageBuild({ entry: ['src/index.ts', 'src/embedding.ts', 'src/thread/main.ts'], shims: true });
