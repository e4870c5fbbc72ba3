// The one user-assigned identity the Function App and the stream Container App run as: it reaches storage, Key Vault,
// the registry and Application Insights through the role assignments in roles.bicep, never with a key.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
