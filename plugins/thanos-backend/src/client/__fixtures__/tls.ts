/**
 * A self-signed certificate for `localhost` / `127.0.0.1` (EC P-256, valid until 2126), generated
 * with `openssl req -x509` for these tests only. It serves as its own CA, so a client that is
 * given it as `tls.ca` trusts the test server and one that is not refuses it. Not a secret.
 */
export const TEST_SERVER_CERT = `-----BEGIN CERTIFICATE-----
MIIBrDCCAVGgAwIBAgIUFEFNZN3mP3ssgggt5lEAAqP3btEwCgYIKoZIzj0EAwIw
HDEaMBgGA1UEAwwRdGhhbm9zLXF1ZXJ5LnRlc3QwIBcNMjYxMTI1MDg0MzE3WhgP
MjEyNjExMDEwODQzMTdaMBwxGjAYBgNVBAMMEXRoYW5vcy1xdWVyeS50ZXN0MFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE2UZI+QU8Fo3SGvdWwo7LZR99k3SxEIl8
bEnBccxoFc6bfzQoerKWWbEvioWDACkDDscThJyoMjRmbnJeg6oH+qNvMG0wHQYD
VR0OBBYEFFPtwP3URMDJAsUn8Usmn/UMtVIeMB8GA1UdIwQYMBaAFFPtwP3URMDJ
AsUn8Usmn/UMtVIeMA8GA1UdEwEB/wQFMAMBAf8wGgYDVR0RBBMwEYIJbG9jYWxo
b3N0hwR/AAABMAoGCCqGSM49BAMCA0kAMEYCIQD61y+fPwT7Q87Pp8LJrrTdQ4/7
1iWzIkAKj5arlw9hPAIhAOu2Jt47uYUJzojbOBrCWsLduDulCNB2nYC5wEEFjbGE
-----END CERTIFICATE-----
`;

export const TEST_SERVER_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgHFRKpvHdMmezhhKI
dg32ND6vRxkVW9cwEfPNzE/VaIGhRANCAATZRkj5BTwWjdIa91bCjstlH32TdLEQ
iXxsScFxzGgVzpt/NCh6spZZsS+KhYMAKQMOxxOEnKgyNGZucl6Dqgf6
-----END PRIVATE KEY-----
`;
