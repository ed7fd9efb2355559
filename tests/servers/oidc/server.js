// Loopback OpenID provider for oauthdoctor's tests.
// Usage: node server.js [port]   (port 0 or none: the OS picks a free one)
// Prints "READY <port>" on stdout once it accepts connections. Clients come from clients.json, which the
// Python fixture reads too, so ids and secrets live in one place.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import Provider from 'oidc-provider';

const spec = JSON.parse(readFileSync(new URL('./clients.json', import.meta.url), 'utf8'));

function clientMetadata(c) {
  const native = c.application_type === 'native';
  const metadata = {
    client_id: c.client_id,
    token_endpoint_auth_method: c.token_endpoint_auth_method,
    grant_types: c.grant_types,
    response_types: c.grant_types.includes('authorization_code') ? ['code'] : [],
    redirect_uris: c.grant_types.includes('authorization_code')
      ? [native ? spec.native_redirect_uri : spec.redirect_uri]
      : [],
  };
  if (native) metadata.application_type = 'native';
  if (c.client_secret) metadata.client_secret = c.client_secret;
  return metadata;
}

const server = http.createServer();
server.listen(Number(process.argv[2] || 0), '127.0.0.1', () => {
  const { port } = server.address();
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: Object.values(spec.clients).map(clientMetadata),
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
    },
    // Issue a refresh token whenever the client may use the grant (the default also wants offline_access).
    issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => true,
    scopes: ['openid', 'offline_access', 'api'],
    async findAccount(ctx, sub) {
      return { accountId: sub, async claims() { return { sub }; } };
    },
  });
  // invalid_grant bodies are identical whatever the reason; the reason only shows up here.
  for (const event of ['grant.error', 'server_error']) {
    provider.on(event, (ctx, err) => {
      process.stderr.write(`${event}: ${err.name} ${err.message} ${err.error_detail || ''}\n`);
    });
  }
  server.on('request', provider.callback());
  process.stdout.write(`READY ${port}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
