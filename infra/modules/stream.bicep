// The always-on stream service (stream/Tessera.Stream, stream/Dockerfile): exactly one replica, always on (minReplicas 1:
// the WebSockets, the virtual stops and SOP-01 cannot scale to zero; maxReplicas 1: Alpaca allows one stream connection
// per account). It pulls its image with the managed identity (AcrPull), reads its secrets from Key Vault through
// Container Apps secrets with keyVaultUrl + identity, and reaches storage with the identity (no connection string).
param name string
param location string
param tags object
param environmentId string
param identityId string
param identityClientId string
param registryLoginServer string
param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param applicationInsightsConnectionString string
@description('Environment variable -> Key Vault secret URI; each becomes a Container Apps secret read with the identity.')
param keyVaultSecretUris object
@description('Plain (non-secret) environment variables, e.g. TESSERA_BROKER.')
param environmentVariables object = {}
@description('The image azd deployed (SERVICE_STREAM_IMAGE_NAME); empty on the first provision, before any image exists.')
param imageName string = ''
param targetPort int = 8080

// Before the first deploy there is no Tessera image: a public placeholder runs, and the health probes (which it cannot
// answer) are added by the next provision once azd has recorded the image (docs/DEPLOY.md, step 4).
var placeholderImage = 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'
var hasImage = !empty(imageName)

var secretEntries = items(keyVaultSecretUris)
var secrets = [for entry in secretEntries: {
  name: toLower(replace(entry.key, '_', '-'))
  keyVaultUrl: entry.value
  identity: identityId
}]
var secretEnvironment = [for entry in secretEntries: {
  name: entry.key
  secretRef: toLower(replace(entry.key, '_', '-'))
}]
var plainSettings = union(environmentVariables, {
  PORT: string(targetPort)
  AZURE_CLIENT_ID: identityClientId
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
})
var plainEnvironment = [for entry in items(plainSettings): {
  name: entry.key
  value: entry.value
}]

var probes = [
  {
    type: 'Liveness'
    httpGet: {
      path: '/health/live'
      port: targetPort
    }
    initialDelaySeconds: 10
    periodSeconds: 10
    failureThreshold: 3
  }
  {
    type: 'Readiness'
    httpGet: {
      path: '/health/ready'
      port: targetPort
    }
    initialDelaySeconds: 10
    periodSeconds: 10
    failureThreshold: 6
  }
]

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'stream' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    managedEnvironmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      // Internal ingress: the health endpoints are reachable inside the environment only.
      ingress: {
        external: false
        targetPort: hasImage ? targetPort : 80
        transport: 'http'
        allowInsecure: false
      }
      registries: [
        {
          server: registryLoginServer
          identity: identityId
        }
      ]
      secrets: secrets
    }
    template: {
      containers: [
        {
          name: 'stream'
          image: hasImage ? imageName : placeholderImage
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat(plainEnvironment, secretEnvironment)
          probes: hasImage ? probes : []
        }
      ]
      scale: {
        minReplicas: 1
        maxReplicas: 1
      }
    }
  }
}

output name string = app.name
output id string = app.id
