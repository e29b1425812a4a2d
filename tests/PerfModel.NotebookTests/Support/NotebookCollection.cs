using PerfModel.NotebookTests.Package;

namespace PerfModel.NotebookTests.Support;

/// <summary>The tests that run notebooks: one at a time (a run sets the process's current directory) and not in
/// parallel with other collections, sharing one <see cref="FreshPackageFixture"/>.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookCollection : ICollectionFixture<FreshPackageFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "notebooks";
}
