using System.Runtime.CompilerServices;

// The importers' span parsers are internal (not an API anyone should bind to) but are pinned by unit tests.
[assembly: InternalsVisibleTo("Tessera.Core.Tests")]
