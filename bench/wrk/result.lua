-- The closing line of every benchmark wrk script: requests/s, p50, p95, p99 and errors, on one line
-- the benchmark scripts pick out (RESULT …).
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests/s=%.0f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
