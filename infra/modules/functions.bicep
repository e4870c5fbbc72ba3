// The Flex Consumption plan (FC1) and the Function App (functions/Tessera.Functions, .NET 10 isolated worker, Durable
// on the Azure Storage backend). Storage, Key Vault references and Application Insights all go through the
// user-assigned identity: AzureWebJobsStorage__* identity settings, @Microsoft.KeyVault(SecretUri=...) references
// resolved with keyVaultReferenceIdentity, APPLICATIONINSIGHTS_AUTHENTICATION_STRING with Authorization=AAD.
param planName string
param appName string
param location string
param tags object
param identityId string
param identityClientId string
param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param deploymentContainerUrl string
param applicationInsightsConnectionString string
@description('App setting name -> Key Vault secret URI; each becomes a @Microsoft.KeyVault(SecretUri=...) reference.')
param keyVaultSecretUris object
@description('Plain (non-secret) app settings, e.g. TESSERA_BROKER.')
param appSettings object = {}
@description('Memory of each instance (MB): 512, 2048 or 4096.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048
param maximumInstanceCount int = 40
@description('Always-ready instances for the Durable group (orchestrators, activities, entities). 0 scales to zero when idle.')
@minValue(0)
param alwaysReadyDurableInstances int = 0
@description('Always-ready instances for the HTTP group (the API). 0 scales to zero when idle.')
@minValue(0)
param alwaysReadyHttpInstances int = 0

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

var alwaysReady = concat(
  alwaysReadyDurableInstances > 0 ? [{ name: 'durable', instanceCount: alwaysReadyDurableInstances }] : [],
  alwaysReadyHttpInstances > 0 ? [{ name: 'http', instanceCount: alwaysReadyHttpInstances }] : []
)

var identitySettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
  // DefaultAzureCredential and the Key Vault / storage clients of Tessera's own code pick this identity.
  AZURE_CLIENT_ID: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

var keyVaultReferences = toObject(items(keyVaultSecretUris), entry => entry.key, entry => '@Microsoft.KeyVault(SecretUri=${entry.value})')

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReady
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// App settings as a child resource so the list is one object (plain settings, identity settings, Key Vault references).
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: union(appSettings, identitySettings, keyVaultReferences)
}

output name string = app.name
output id string = app.id
output defaultHostName string = app.properties.defaultHostName
