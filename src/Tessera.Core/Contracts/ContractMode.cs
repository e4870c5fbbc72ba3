namespace Tessera.Core.Contracts;

/// <summary>Strict: the first violation throws <see cref="ContractViolationException"/>. Lenient: violating items are dropped and recorded.</summary>
public enum ContractMode
{
    Strict = 0,
    Lenient = 1,
}
