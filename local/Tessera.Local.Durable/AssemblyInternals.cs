using System.Runtime.CompilerServices;

// The history fixes for the preview sidecar are internal (an implementation detail of the runtime) but pinned by unit tests.
[assembly: InternalsVisibleTo("Tessera.Local.Durable.Tests")]
