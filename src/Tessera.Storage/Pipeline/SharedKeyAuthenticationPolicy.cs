using Azure.Core;
using Azure.Core.Pipeline;

namespace Tessera.Storage.Pipeline;

/// <summary>
/// Signs each attempt (it runs per retry, after x-ms-date is refreshed) with
/// <c>Authorization: SharedKey account:signature</c> in the Blob or Table form.
/// </summary>
public sealed class SharedKeyAuthenticationPolicy(SharedKeyCredential credential, StorageServiceKind kind) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = message.Request;
        var stringToSign = kind == StorageServiceKind.Blob
            ? SharedKeyStringToSign.ForBlob(request, credential.AccountName)
            : SharedKeyStringToSign.ForTable(request, credential.AccountName);
        request.Headers.SetValue("Authorization", $"SharedKey {credential.AccountName}:{credential.ComputeSignature(stringToSign)}");
    }
}
