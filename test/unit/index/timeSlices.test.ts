import assert from 'node:assert/strict';
import { timeSlicer } from '../../../server/src/index/timeSlices';

const busy = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end);
};

describe('time slices of a long loop over notes', () => {
  it('let waiting work run once a slice has lasted its time', async () => {
    const pause = timeSlicer(1);
    let waitingRan = false;
    setImmediate(() => (waitingRan = true));
    let stepsBeforeIt = 0;
    for (let step = 0; step < 10 && !waitingRan; step++) {
      busy(2);
      await pause();
      stepsBeforeIt++;
    }
    assert.equal(waitingRan, true);
    assert.ok(stepsBeforeIt <= 2, `${stepsBeforeIt} steps ran first`);
  });

  it('do not give up the event loop after every quick step', async () => {
    const pause = timeSlicer(1000);
    let waitingRan = false;
    setImmediate(() => (waitingRan = true));
    for (let step = 0; step < 1000; step++) await pause();
    assert.equal(waitingRan, false);
  });
});
