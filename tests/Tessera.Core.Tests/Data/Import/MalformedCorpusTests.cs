using Tessera.Core.Data.Import;
using Xunit;

namespace Tessera.Core.Tests.Data.Import;

/// <summary>
/// Every file in Malformed/ (listed with its expected rule, line and field in Malformed/expected.txt) must fail a
/// strict import with exactly that typed error; in lenient mode row-level problems are dropped and reported on the
/// same line while file-level problems still fail.
/// </summary>
public sealed class MalformedCorpusTests
{
    private static readonly HashSet<string> FileLevelRules = new(StringComparer.Ordinal)
    {
        ImportRules.EmptyFile, ImportRules.NoDataRows, ImportRules.MissingColumn, ImportRules.DuplicateColumn, ImportRules.CorruptCompression,
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in MalformedCorpus.Load())
        {
            data.Add(c.File);
        }

        return data;
    }

    [Fact]
    public void Corpus_has_at_least_25_cases()
    {
        Assert.True(MalformedCorpus.Load().Count >= 25);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Strict_import_fails_with_the_expected_rule_line_and_field(string file)
    {
        var c = MalformedCorpus.Get(file);
        using var stream = File.OpenRead(c.Path);
        var ex = Assert.Throws<DataImportException>(() => MalformedCorpus.Import(c, stream, ImportMode.Strict));
        Assert.Equal(c.Rule, ex.Rule);
        Assert.Equal(c.File, ex.FileName);
        Assert.Equal(c.Field, ex.Field);
        if (c.Line >= 0)
        {
            Assert.Equal(c.Line, ex.Line);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lenient_import_drops_row_problems_and_still_fails_file_problems(string file)
    {
        var c = MalformedCorpus.Get(file);
        using var stream = File.OpenRead(c.Path);
        if (FileLevelRules.Contains(c.Rule))
        {
            var ex = Assert.Throws<DataImportException>(() => MalformedCorpus.Import(c, stream, ImportMode.Lenient));
            Assert.Equal(c.Rule, ex.Rule);
            return;
        }

        var report = MalformedCorpus.Import(c, stream, ImportMode.Lenient);
        if (c.Rule == ImportRules.UnknownColumn)
        {
            Assert.Contains(report.Warnings, w => w.Contains("mood", StringComparison.Ordinal));
            Assert.Equal(report.DataRows, report.RowsAccepted);
        }
        else if (c.Rule == ImportRules.NotIncreasing)
        {
            Assert.Contains(report.Warnings, w => w.StartsWith(ImportRules.NotIncreasing, StringComparison.Ordinal));
            Assert.Equal(report.DataRows, report.RowsAccepted);
        }
        else if (c.Rule == ImportRules.DuplicateTimestamp)
        {
            // Keep-last: the earlier of the two rows (line 2) is the one dropped.
            Assert.Equal(2, report.For(c.Rule)!.Rows.Single().Line);
            Assert.Equal(report.DataRows - 1, report.RowsAccepted);
        }
        else
        {
            var violations = report.For(c.Rule);
            Assert.NotNull(violations);
            Assert.Equal(c.Line, violations.Rows[0].Line);
            Assert.Equal(c.Field, violations.Rows[0].Field);
            Assert.Equal(report.DataRows - report.RowsRejected, report.RowsAccepted);
        }
    }
}
