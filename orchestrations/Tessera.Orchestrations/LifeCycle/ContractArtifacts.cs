using Tessera.Core.Contracts;

namespace Tessera.Orchestrations.LifeCycle;

/// <summary>
/// contracts/l1_recruitment.json, l2_selection.json, l3_synthesis.json (profiles with a <c>contracts</c> section): which
/// layer of the quant-platform seed's invariants was checked, in which mode, on how many items, and every finding.
/// In strict mode a finding fails the run before this file is written, so a strict run's reports are always clean.
/// </summary>
public sealed record ContractReportArtifact(string Layer, string Rule, ContractMode Mode, int Checked, int Dropped, IReadOnlyList<ContractViolation> Violations);
