namespace Tessera.Trading.Safety;

/// <summary>What every ledger block of one operation carries besides its payload: the account, the config pin and the trace id.</summary>
public sealed record AuditStamp(string AccountId, string ConfigPin, string TraceId);
