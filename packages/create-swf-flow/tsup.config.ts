import { packageBuild } from '../../tsup.base.js';

// The scaffolder finds its template beside its code, in either module format; the bin is run, not imported.
export default packageBuild({ entry: ['src/index.ts'], shims: true, esmOnly: ['src/bin.ts'] });
