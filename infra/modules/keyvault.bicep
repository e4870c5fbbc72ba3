// The Key Vault that holds Tessera's secrets, in RBAC mode (no access policies): the managed identity reads them as
// Key Vault Secrets User. Each secret's name is its environment variable's name in lower case with '-' for '_'
// (TESSERA_API_KEY -> tessera-api-key), the rule the runtime's Key Vault source applies (TesseraSecrets.KeyVaultName).
// Only secret URIs leave this module, never a value.
param name string
param location string
param tags object

@secure()
@description('TESSERA_API_KEY: the key every keyed HTTP route requires.')
param tesseraApiKey string

@secure()
@description('APCA_API_KEY_ID: the Alpaca key id.')
param alpacaKeyId string

@secure()
@description('APCA_API_SECRET_KEY: the Alpaca secret key.')
param alpacaSecretKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource apiKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'tessera-api-key'
  properties: {
    value: tesseraApiKey
    contentType: 'text/plain'
  }
}

resource alpacaKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'apca-api-key-id'
  properties: {
    value: alpacaKeyId
    contentType: 'text/plain'
  }
}

resource alpacaSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'apca-api-secret-key'
  properties: {
    value: alpacaSecretKey
    contentType: 'text/plain'
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
// Versionless secret URIs: a rotated secret (a new version) is picked up without a redeployment.
output apiKeyUri string = apiKey.properties.secretUri
output alpacaKeyIdUri string = alpacaKey.properties.secretUri
output alpacaSecretKeyUri string = alpacaSecret.properties.secretUri
