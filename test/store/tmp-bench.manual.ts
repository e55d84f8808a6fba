import run from '../../bench/store.bench.js';
describe('bench', () => {
  it('runs', async function () {
    this.timeout(600000);
    const rows = await run();
    console.log(JSON.stringify(rows));
  });
});
