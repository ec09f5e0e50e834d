import { parentPort } from 'node:worker_threads';
import { serializeFacts } from './facts';
import { parseNote } from './parseNote';
import { lowerThisThreadsPriority } from './threadPriority';

export interface ParseRequest {
  id: number;
  uri: string;
  text: string;
}

lowerThisThreadsPriority();

// Facts go back as JSON: cloning them as objects costs the main thread as much as parsing JSON, and the
// index keeps most notes' facts serialized anyway.
parentPort?.on('message', (request: ParseRequest) => {
  const facts = serializeFacts(parseNote(request.uri, request.text));
  parentPort?.postMessage({ id: request.id, facts }, [facts.json.buffer as ArrayBuffer]);
});
