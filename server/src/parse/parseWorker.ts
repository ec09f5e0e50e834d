import { parentPort } from 'node:worker_threads';
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
  const facts = packFacts(parseNote(request.uri, request.text));
  parentPort?.postMessage({ id: request.id, facts }, [facts.json.buffer as ArrayBuffer]);
});
