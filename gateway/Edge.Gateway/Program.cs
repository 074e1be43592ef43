using Edge.Gateway;

// 1. Options from the command line, 2. wire logic + MQTT + metrics, 3. serve REST, /healthz and /metrics.
await using var app = GatewayApp.Build(args);
await app.RunAsync();
