import { packageBuild } from '../../tsup.base.js';

// The service finds its model and web files beside its code, in either module format.
export default packageBuild({ entry: ['src/index.ts', 'src/embedding.ts'], shims: true });
