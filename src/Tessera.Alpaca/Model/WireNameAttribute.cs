namespace Tessera.Alpaca.Model;

/// <summary>
/// The exact wire spelling of an enum member when it is not the snake_case of its name
/// (e.g. account activity types are upper case: <c>FILL</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class WireNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
