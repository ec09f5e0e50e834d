import { parentPort } from 'node:worker_threads';
import { parseNote } from './parseNote';
import { lowerThisThreadsPriority } from './threadPriority';

export interface ParseRequest {
  id: number;
  uri: string;
  text: string;
}

lowerThisThreadsPriority();

parentPort?.on('message', (request: ParseRequest) => {
  parentPort?.postMessage({ id: request.id, facts: parseNote(request.uri, request.text) });
});
