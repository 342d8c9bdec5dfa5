export const BENCH_CREDENTIALS = {
  appId: "4400000000000000009",
  appSecret: "bench-app-secret",
  oaId: "5500000000000000009",
  oaSecretKey: "bench-oa-secret",
};
