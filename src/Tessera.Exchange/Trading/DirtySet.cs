namespace Tessera.Exchange.Trading;

/// <summary>What changed since the last save: the persister writes only these entities.</summary>
internal sealed class DirtySet
{
    public bool Account { get; set; }

    public HashSet<Guid> Orders { get; } = [];

    public HashSet<int> Positions { get; } = [];

    public List<Activity> Activities { get; } = [];

    public bool Reset { get; set; }

    public bool IsEmpty => !Account && !Reset && Orders.Count == 0 && Positions.Count == 0 && Activities.Count == 0;

    public void Clear()
    {
        Account = false;
        Reset = false;
        Orders.Clear();
        Positions.Clear();
        Activities.Clear();
    }
}
