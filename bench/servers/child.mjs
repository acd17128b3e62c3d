// Entry of every server the benchmarks start in its own process (so that the load
// generator never shares a CPU queue or heap with the server it measures):
//   node servers/child.mjs <role>   with the role's options as JSON in BENCH_OPTS.
// Talks to the parent over IPC: sends {type:'ready', url} once listening, answers
// {id, cmd, args} with {id, ok, result | error}. Commands: rss, gc, close + the role's own.
const role = process.argv[2];
const opts = JSON.parse(process.env.BENCH_OPTS ?? '{}');

try {
  const mod = await import(`./${role}.mjs`);
  const server = await mod.start(opts);
  const commands = {
    rss: () => process.memoryUsage().rss,
    gc: () => {
      globalThis.gc?.();
      return process.memoryUsage().rss;
    },
    close: async () => {
      await server.close?.();
      setImmediate(() => process.exit(0));
      return true;
    },
    ...server.commands,
  };
  process.on('message', async (msg) => {
    try {
      const fn = commands[msg.cmd];
      if (!fn) throw new Error(`unknown command ${msg.cmd} for ${role}`);
      process.send({ id: msg.id, ok: true, result: await fn(...(msg.args ?? [])) });
    } catch (err) {
      process.send({
        id: msg.id,
        ok: false,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', url: server.url, info: server.info ?? null });
} catch (err) {
  process.send?.({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
  process.exit(1);
}
