import { parentPort } from 'node:worker_threads';
import { LineMap } from './lineMap';
import { packFacts } from './packedFacts';
import { parseNote } from './parseNote';
import { lowerThisThreadsPriority } from './threadPriority';

export interface ParseRequest {
  id: number;
  uri: string;
  text: string;
}

lowerThisThreadsPriority();

parentPort?.on('message', (request: ParseRequest) => {
  const lines = new LineMap(request.text);
  const facts = packFacts(parseNote(request.uri, request.text, lines), lines.lineStarts);
  parentPort?.postMessage({ id: request.id, facts }, [facts.json.buffer as ArrayBuffer, lines.lineStarts.buffer as ArrayBuffer]);
});
