// Tessera on Azure (azd up): the Flex Consumption Function App (functions/), the always-on stream Container App
// (stream/), their storage account, Key Vault, registry, monitoring and the one managed identity they run as.
// Plain Bicep modules under modules/ (registry modules cannot be restored where Tessera is built); the tests compile
// and lint this file (tests/Tessera.Infra.Tests). docs/DEPLOY.md walks through it.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name: names the resource group and seeds the unique suffix of every resource.')
param environmentName string

@minLength(1)
@description('Region of every resource (one that offers Flex Consumption).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the user running azd (AZURE_PRINCIPAL_ID): may read the vault\'s secrets. Empty grants nothing.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
])
@description('What principalId is (AZURE_PRINCIPAL_TYPE: ServicePrincipal when azd runs in CI).')
param principalType string = 'User'

@description('Resource group name; empty derives rg-<environmentName>.')
param resourceGroupName string = ''

@secure()
@minLength(16)
@description('TESSERA_API_KEY: the key of every keyed HTTP route (azd env set TESSERA_API_KEY ...). Stored in Key Vault only.')
param tesseraApiKey string

@secure()
@minLength(1)
@description('APCA_API_KEY_ID: the Alpaca key id. Stored in Key Vault only.')
param alpacaKeyId string

@secure()
@minLength(1)
@description('APCA_API_SECRET_KEY: the Alpaca secret key. Stored in Key Vault only.')
param alpacaSecretKey string

@allowed([
  'alpaca-paper'
  'alpaca-live'
])
@description('TESSERA_BROKER of both services. alpaca-live also needs TESSERA_LIVE_CONFIRMED=true, which this template never sets.')
param broker string = 'alpaca-paper'

@minValue(0)
@description('Always-ready Function App instances for the Durable group; 0 (default) scales to zero when idle.')
param alwaysReadyDurableInstances int = 0

@minValue(0)
@description('Always-ready Function App instances for the HTTP group; 0 (default) scales to zero when idle.')
param alwaysReadyHttpInstances int = 0

@description('The stream image azd deployed (SERVICE_STREAM_IMAGE_NAME); empty before the first deploy.')
param streamImageName string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = '${abbrs.webSitesFunctions}tessera-${resourceToken}'
var deploymentContainerName = 'app-package-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}tessera-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    tesseraApiKey: tesseraApiKey
    alpacaKeyId: alpacaKeyId
    alpacaSecretKey: alpacaSecretKey
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  scope: rg
  params: {
    name: '${abbrs.containerRegistryRegistries}${resourceToken}'
    location: location
    tags: tags
  }
}

module containerAppsEnvironment 'modules/container-apps-environment.bicep' = {
  name: 'container-apps-environment'
  scope: rg
  params: {
    name: '${abbrs.appManagedEnvironments}${resourceToken}'
    location: location
    tags: tags
    logAnalyticsWorkspaceName: monitoring.outputs.workspaceName
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    identityPrincipalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    registryName: registry.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

// The secrets both services read, by environment variable name (the names of src/Tessera.Storage/Configuration/Secrets).
var secretUris = {
  TESSERA_API_KEY: keyVault.outputs.apiKeyUri
  APCA_API_KEY_ID: keyVault.outputs.alpacaKeyIdUri
  APCA_API_SECRET_KEY: keyVault.outputs.alpacaSecretKeyUri
}

module functions 'modules/functions.bicep' = {
  name: 'functions'
  scope: rg
  dependsOn: [
    roles
  ]
  params: {
    planName: '${abbrs.webServerFarms}${resourceToken}'
    appName: functionAppName
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    keyVaultSecretUris: secretUris
    appSettings: {
      TESSERA_BROKER: broker
    }
    alwaysReadyDurableInstances: alwaysReadyDurableInstances
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
  }
}

module stream 'modules/stream.bicep' = {
  name: 'stream'
  scope: rg
  dependsOn: [
    roles
  ]
  params: {
    name: '${abbrs.appContainerApps}stream-${resourceToken}'
    location: location
    tags: tags
    environmentId: containerAppsEnvironment.outputs.id
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    registryLoginServer: registry.outputs.loginServer
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    keyVaultSecretUris: secretUris
    environmentVariables: {
      TESSERA_BROKER: broker
    }
    imageName: streamImageName
  }
}

// What azd and the operator need; no secret value is ever an output.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name
output AZURE_CONTAINER_ENVIRONMENT_NAME string = containerAppsEnvironment.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output TESSERA_KEYVAULT_URI string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output SERVICE_FUNCTIONS_NAME string = functions.outputs.name
output SERVICE_STREAM_NAME string = stream.outputs.name
output TESSERA_PUBLIC_BASE_URL string = 'https://${functions.outputs.defaultHostName}/'
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
