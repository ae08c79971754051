/* global module, process */
// Windows code signing for electron-builder.yml, read from the environment so a signed installer is one
// variable away and no secret lives in the repository. Exactly one way, or none (an unsigned build):
//  * a certificate: CSC_LINK (or WIN_CSC_LINK) = path, https URL or base64 of the .pfx, CSC_KEY_PASSWORD;
//    electron-builder reads both itself, this file only sets SHA-256 and the timestamp server;
//  * Azure Trusted Signing: AZURE_TRUSTED_SIGNING_ENDPOINT, _ACCOUNT and _PROFILE, MLC_PUBLISHER_NAME (the
//    certificate's subject CN), and the Entra ID app's AZURE_TENANT_ID / AZURE_CLIENT_ID / AZURE_CLIENT_SECRET.
// MLC_REQUIRE_SIGNING=1 makes a build without a signature fail instead of producing an unsigned installer.
const AZURE = ['AZURE_TRUSTED_SIGNING_ENDPOINT', 'AZURE_TRUSTED_SIGNING_ACCOUNT', 'AZURE_TRUSTED_SIGNING_PROFILE', 'MLC_PUBLISHER_NAME'];

function signingConfig(env = process.env) {
  const azureSet = AZURE.filter((k) => env[k]);
  const certificate = Boolean(env.WIN_CSC_LINK || env.CSC_LINK);
  if (azureSet.length > 0 && azureSet.length < AZURE.length && !(azureSet.length === 1 && azureSet[0] === 'MLC_PUBLISHER_NAME'))
    throw new Error(`Azure Trusted Signing needs ${AZURE.join(', ')}; missing: ${AZURE.filter((k) => !env[k]).join(', ')}`);
  const azure = azureSet.length === AZURE.length;
  if (azure && certificate) throw new Error('Both a signing certificate (CSC_LINK) and Azure Trusted Signing are set: keep one.');
  const win = { forceCodeSigning: env.MLC_REQUIRE_SIGNING === '1' };
  if (azure)
    win.azureSignOptions = {
      endpoint: env.AZURE_TRUSTED_SIGNING_ENDPOINT,
      codeSigningAccountName: env.AZURE_TRUSTED_SIGNING_ACCOUNT,
      certificateProfileName: env.AZURE_TRUSTED_SIGNING_PROFILE,
      publisherName: env.MLC_PUBLISHER_NAME,
      fileDigest: 'SHA256',
      timestampRfc3161: env.MLC_TIMESTAMP_URL || 'http://timestamp.acs.microsoft.com',
      timestampDigest: 'SHA256',
    };
  if (certificate)
    win.signtoolOptions = {
      signingHashAlgorithms: ['sha256'],
      rfc3161TimeStampServer: env.MLC_TIMESTAMP_URL || 'http://timestamp.digicert.com',
      ...(env.MLC_PUBLISHER_NAME ? { publisherName: env.MLC_PUBLISHER_NAME } : {}),
    };
  return { win };
}

module.exports = () => signingConfig();
module.exports.signingConfig = signingConfig;
