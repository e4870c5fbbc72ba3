namespace Tessera.Core.Portfolio.Clustering;

/// <summary>Linkage criteria, all applied through the Lance-Williams update.</summary>
public enum Linkage
{
    Single,
    Complete,
    Average,
    Ward,
}
