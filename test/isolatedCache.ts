// Every server and CLI the tests start keeps its index cache in a folder of this test run, not in the
// user's ~/.cache: runs stay independent of each other and leave nothing behind.
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const folder = mkdtempSync(path.join(os.tmpdir(), 'marginalia-test-cache-'));
process.env.XDG_CACHE_HOME = folder;
process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
