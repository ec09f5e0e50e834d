// The parse worker's entry point, built as dist/parseWorker.js beside the server and the CLI. It sits in
// facts/ because it parses with the entity extractors plugged in, which parse/ itself may not import.

import { parentPort } from 'node:worker_threads';
import { LineMap } from '../parse/lineMap';
import { packFacts } from '../parse/packedFacts';
import { lowerThisThreadsPriority } from '../parse/threadPriority';
import type { ParseRequest } from '../parse/workerParser';
import { parseNote } from './noteFacts';

lowerThisThreadsPriority();

parentPort?.on('message', (request: ParseRequest) => {
  const lines = new LineMap(request.text);
  const facts = packFacts(parseNote(request.uri, request.text, lines), lines.lineStarts);
  parentPort?.postMessage({ id: request.id, facts }, [facts.json.buffer as ArrayBuffer, lines.lineStarts.buffer as ArrayBuffer]);
});
