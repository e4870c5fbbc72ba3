using Azure;
using Azure.Data.Tables;
using Tessera.Core.Errors;
using Tessera.Storage.Errors;
using Tessera.Storage.Tables;
using Tessera.Testing;
using Xunit;

namespace Tessera.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableStoreTests(AzuriteFixture azurite)
{
    private async Task<(TableStore Store, string Table)> NewTableAsync()
    {
        var store = StorageAccount.FromConnectionString(azurite.ConnectionString).Tables;
        var table = TestNames.Table("t");
        await store.CreateTableIfNotExistsAsync(table);
        return (store, table);
    }

    private static TableEntity Entity(string pk, string rk, params (string Name, object? Value)[] props)
    {
        var e = new TableEntity(pk, rk);
        foreach (var (name, value) in props)
        {
            e[name] = value;
        }

        return e;
    }

    private static readonly HashSet<string> SystemKeys = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "odata.etag" };

    private static IEnumerable<string> PropertyNames(TableEntity e) => e.Keys.Where(k => !SystemKeys.Contains(k));

    [Fact]
    public async Task Create_table_tolerates_an_existing_table()
    {
        var (store, table) = await NewTableAsync();
        await store.CreateTableIfNotExistsAsync(table);
        Assert.Empty(await store.QueryAsync<TableEntity>(table, null).ToListAsync());
    }

    [Fact]
    public async Task Insert_then_get_returns_the_entity_with_etag_and_timestamp()
    {
        var (store, table) = await NewTableAsync();
        var etag = await store.InsertAsync(table, Entity("p", "r", ("Name", "x"), ("Count", 3)));

        var got = await store.GetAsync<TableEntity>(table, "p", "r");

        Assert.NotNull(got);
        Assert.Equal("p", got.PartitionKey);
        Assert.Equal("r", got.RowKey);
        Assert.Equal("x", got["Name"]);
        Assert.Equal(3, got["Count"]);
        Assert.Equal(etag, got.ETag);
        Assert.NotNull(got.Timestamp);
        Assert.Equal(["Count", "Name"], PropertyNames(got).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Insert_of_an_existing_key_is_a_typed_conflict()
    {
        var (store, table) = await NewTableAsync();
        await store.InsertAsync(table, Entity("p", "r", ("V", 1)));
        var error = await Assert.ThrowsAsync<StorageConflictException>(() => store.InsertAsync(table, Entity("p", "r", ("V", 2))));
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(1, (await store.GetAsync<TableEntity>(table, "p", "r"))!["V"]);
    }

    [Fact]
    public async Task Get_of_a_missing_entity_is_null()
    {
        var (store, table) = await NewTableAsync();
        Assert.Null(await store.GetAsync<TableEntity>(table, "p", "missing"));
    }

    [Fact]
    public async Task Operations_on_a_missing_table_are_typed_not_found_rather_than_an_absent_entity()
    {
        var store = StorageAccount.FromConnectionString(azurite.ConnectionString).Tables;
        var table = TestNames.Table("missing");

        var errors = new StorageNotFoundException[]
        {
            await Assert.ThrowsAsync<StorageNotFoundException>(() => store.GetAsync<TableEntity>(table, "p", "r")),
            await Assert.ThrowsAsync<StorageNotFoundException>(() => store.InsertAsync(table, Entity("p", "r"))),
            await Assert.ThrowsAsync<StorageNotFoundException>(() => store.DeleteAsync(table, "p", "r")),
            await Assert.ThrowsAsync<StorageNotFoundException>(() => store.QueryAsync<TableEntity>(table, null).ToListAsync().AsTask()),
        };

        Assert.All(errors, e => Assert.Equal("TableNotFound", e.ErrorCode));
        Assert.All(errors, e => Assert.Contains($"'{table}'", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replace_with_current_etag_succeeds_and_with_stale_etag_fails_412()
    {
        var (store, table) = await NewTableAsync();
        var v1 = await store.InsertAsync(table, Entity("p", "r", ("A", "1"), ("B", "keep?")));
        var v2 = await store.ReplaceAsync(table, Entity("p", "r", ("A", "2")), v1);

        await Assert.ThrowsAsync<StoragePreconditionFailedException>(() => store.ReplaceAsync(table, Entity("p", "r", ("A", "3")), v1));

        var got = await store.GetAsync<TableEntity>(table, "p", "r");
        Assert.NotEqual(v1, v2);
        Assert.Equal("2", got!["A"]);
        Assert.False(got.ContainsKey("B"));
        Assert.Equal(v2, got.ETag);
    }

    [Fact]
    public async Task Of_concurrent_replaces_from_the_same_etag_exactly_one_wins()
    {
        var (store, table) = await NewTableAsync();
        var v0 = await store.InsertAsync(table, Entity("p", "race", ("Owner", 0)));

        var attempts = Enumerable.Range(1, 6).Select(async i =>
        {
            try
            {
                await store.ReplaceAsync(table, Entity("p", "race", ("Owner", i)), v0);
                return i;
            }
            catch (StoragePreconditionFailedException)
            {
                return 0;
            }
        });
        var winners = (await Task.WhenAll(attempts)).Where(i => i != 0).ToList();

        Assert.Equal(Assert.Single(winners), (await store.GetAsync<TableEntity>(table, "p", "race"))!["Owner"]);
    }

    [Fact]
    public async Task Keys_of_exactly_one_kibibyte_are_accepted()
    {
        var (store, table) = await NewTableAsync();
        var pk = new string('p', 512);
        var rk = new string('r', 512);
        await store.InsertAsync(table, Entity(pk, rk, ("V", 1)));
        Assert.Equal(1, (await store.GetAsync<TableEntity>(table, pk, rk))!["V"]);
    }

    [Fact]
    public async Task Replace_with_star_requires_existence_and_null_upserts()
    {
        var (store, table) = await NewTableAsync();
        await Assert.ThrowsAsync<StorageNotFoundException>(() => store.ReplaceAsync(table, Entity("p", "new", ("A", 1)), ETag.All));

        await store.ReplaceAsync(table, Entity("p", "new", ("A", 1)), ifMatch: null);
        await store.ReplaceAsync(table, Entity("p", "new", ("A", 2)), ifMatch: null);
        await store.ReplaceAsync(table, Entity("p", "new", ("A", 3)), ETag.All);

        Assert.Equal(3, (await store.GetAsync<TableEntity>(table, "p", "new"))!["A"]);
    }

    [Fact]
    public async Task Merge_keeps_untouched_properties_and_honours_if_match()
    {
        var (store, table) = await NewTableAsync();
        var v1 = await store.InsertAsync(table, Entity("p", "r", ("A", "a"), ("B", "b")));
        var v2 = await store.MergeAsync(table, Entity("p", "r", ("B", "b2"), ("C", 7L)), v1);

        await Assert.ThrowsAsync<StoragePreconditionFailedException>(() => store.MergeAsync(table, Entity("p", "r", ("A", "zzz")), v1));

        var got = await store.GetAsync<TableEntity>(table, "p", "r");
        Assert.Equal("a", got!["A"]);
        Assert.Equal("b2", got["B"]);
        Assert.Equal(7L, got["C"]);
        Assert.Equal(v2, got.ETag);
    }

    [Fact]
    public async Task Merge_with_null_if_match_inserts_or_merges()
    {
        var (store, table) = await NewTableAsync();
        await store.MergeAsync(table, Entity("p", "m", ("A", 1)), ifMatch: null);
        await store.MergeAsync(table, Entity("p", "m", ("B", 2)), ifMatch: null);

        var got = await store.GetAsync<TableEntity>(table, "p", "m");
        Assert.Equal(1, got!["A"]);
        Assert.Equal(2, got["B"]);
    }

    [Fact]
    public async Task Delete_returns_true_then_false_and_a_stale_etag_fails_412()
    {
        var (store, table) = await NewTableAsync();
        var v1 = await store.InsertAsync(table, Entity("p", "r", ("A", 1)));
        await store.ReplaceAsync(table, Entity("p", "r", ("A", 2)), v1);

        await Assert.ThrowsAsync<StoragePreconditionFailedException>(() => store.DeleteAsync(table, "p", "r", v1));
        Assert.True(await store.DeleteAsync(table, "p", "r"));
        Assert.False(await store.DeleteAsync(table, "p", "r"));
        Assert.Null(await store.GetAsync<TableEntity>(table, "p", "r"));
    }

    [Fact]
    public async Task Query_with_filter_and_top_follows_continuation_across_several_pages()
    {
        var (store, table) = await NewTableAsync();
        for (var i = 0; i < 10; i++)
        {
            await store.InsertAsync(table, Entity("run1", $"{i:D3}", ("Seq", (long)i)));
        }

        await store.InsertAsync(table, Entity("run2", "000", ("Seq", 0L)));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"run1"} and Seq ge {2L}");

        var rows = new List<TableEntity>();
        var pages = 0;
        string? continuation = null;
        do
        {
            var page = await store.QueryPageAsync<TableEntity>(table, filter, continuation, top: 3);
            Assert.True(page.Items.Count <= 3);
            rows.AddRange(page.Items);
            continuation = page.Continuation;
            pages++;
        }
        while (continuation is not null);

        Assert.True(pages >= 3, $"expected several pages, got {pages}");
        Assert.Equal(Enumerable.Range(2, 8).Select(i => $"{i:D3}"), rows.Select(r => r.RowKey));
        Assert.All(rows, r => Assert.Equal("run1", r.PartitionKey));
        Assert.All(rows, r => Assert.NotEqual(default, r.ETag));
        Assert.Equal(11, (await store.QueryAsync<TableEntity>(table, null).ToListAsync()).Count);
    }

    [Theory]
    [InlineData("it's", "o'neil''s")]
    [InlineData("ünïcødé 日本", "emoji 😀 ok")]
    [InlineData("spaces and %20 + & = ;", "(parens),[brackets]")]
    [InlineData("", "empty-partition")]
    public async Task Keys_with_quotes_unicode_and_url_characters_round_trip_through_every_operation(string pk, string rk)
    {
        var (store, table) = await NewTableAsync();
        var etag = await store.InsertAsync(table, Entity(pk, rk, ("V", 1)));
        await store.MergeAsync(table, Entity(pk, rk, ("W", 2)), etag);

        var got = await store.GetAsync<TableEntity>(table, pk, rk);
        var queried = await store.QueryAsync<TableEntity>(table, TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey eq {rk}")).ToListAsync();

        Assert.NotNull(got);
        Assert.Equal(pk, got.PartitionKey);
        Assert.Equal(rk, got.RowKey);
        Assert.Equal(2, got["W"]);
        Assert.Equal(rk, Assert.Single(queried).RowKey);
        Assert.True(await store.DeleteAsync(table, pk, rk));
    }

    [Fact]
    public async Task Filter_literals_cannot_inject_clauses()
    {
        var (store, table) = await NewTableAsync();
        await store.InsertAsync(table, Entity("secret", "1", ("V", 1)));
        await store.InsertAsync(table, Entity("x' or PartitionKey ne 'y", "2", ("V", 2)));

        var hostile = "x' or PartitionKey ne 'y";
        var rows = await store.QueryAsync<TableEntity>(table, TableClient.CreateQueryFilter($"PartitionKey eq {hostile}")).ToListAsync();

        Assert.Equal("2", Assert.Single(rows).RowKey);
    }

    [Fact]
    public async Task Every_supported_property_type_round_trips_with_type_and_value()
    {
        var (store, table) = await NewTableAsync();
        var when = new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.FromHours(2)).AddTicks(5_358_979);
        var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var values = new (string Name, object Value)[]
        {
            ("Str", "text with 'quotes' and ü"),
            ("EmptyStr", string.Empty),
            ("Int", int.MinValue),
            ("Long", long.MaxValue),
            ("LongSmall", 5L),
            ("Dbl", 0.1 + 0.2),
            ("DblIntegral", 42.0),
            ("DblNeg", -1e-300),
            ("True", true),
            ("False", false),
            ("When", when),
            ("Guid", guid),
            ("Bytes", new byte[] { 0, 1, 254, 255 }),
            ("EmptyBytes", Array.Empty<byte>()),
        };
        var entity = Entity("types", "1", values.Select(v => (v.Name, (object?)v.Value)).ToArray());
        entity["Nothing"] = null;

        await store.InsertAsync(table, entity);
        var viaGet = await store.GetAsync<TableEntity>(table, "types", "1");
        var viaQuery = Assert.Single(await store.QueryAsync<TableEntity>(table, TableClient.CreateQueryFilter($"PartitionKey eq {"types"}")).ToListAsync());

        foreach (var got in new[] { viaGet!, viaQuery })
        {
            foreach (var (name, expected) in values)
            {
                var actual = got[name];
                Assert.NotNull(actual);
                Assert.Equal(expected.GetType(), actual.GetType());
                Assert.Equal(expected, actual);
            }

            Assert.Equal(when.UtcTicks, ((DateTimeOffset)got["When"]!).UtcTicks);
            Assert.False(got.ContainsKey("Nothing"));
        }
    }

    [Fact]
    public async Task Typed_filters_match_int64_datetime_guid_and_double_values()
    {
        var (store, table) = await NewTableAsync();
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var g = Guid.Parse("11111111-2222-3333-4444-555555555555");
        for (var i = 0; i < 5; i++)
        {
            await store.InsertAsync(table, Entity("p", i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ("L", 10_000_000_000L + i), ("T", t0.AddDays(i)), ("G", i == 3 ? g : Guid.Empty), ("D", i * 0.5)));
        }

        async Task<string[]> Rows(string filter) => (await store.QueryAsync<TableEntity>(table, filter).ToListAsync()).Select(e => e.RowKey).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["3", "4"], await Rows(TableClient.CreateQueryFilter($"L gt {10_000_000_002L}")));
        Assert.Equal(["0", "1"], await Rows(TableClient.CreateQueryFilter($"T lt {t0.AddDays(2)}")));
        Assert.Equal(["3"], await Rows(TableClient.CreateQueryFilter($"G eq {g}")));
        Assert.Equal(["2", "3", "4"], await Rows(TableClient.CreateQueryFilter($"D ge {1.0}")));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("tab\there")]
    public async Task Invalid_keys_raise_a_typed_error_naming_the_key(string badKey)
    {
        var store = StorageAccount.FromConnectionString(azurite.ConnectionString).Tables;
        var pkError = await Assert.ThrowsAsync<TesseraValidationException>(() => store.InsertAsync("valid", Entity(badKey, "ok")));
        var rkError = await Assert.ThrowsAsync<TesseraValidationException>(() => store.GetAsync<TableEntity>("valid", "ok", badKey));
        Assert.Equal("PartitionKey", pkError.Field);
        Assert.Equal("RowKey", rkError.Field);
    }

    [Fact]
    public async Task Keys_over_one_kibibyte_are_rejected()
    {
        var store = StorageAccount.FromConnectionString(azurite.ConnectionString).Tables;
        var error = await Assert.ThrowsAsync<TesseraValidationException>(() => store.GetAsync<TableEntity>("valid", new string('k', 513), "r"));
        Assert.Equal("PartitionKey", error.Field);
        Assert.Contains("1024", error.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public async Task Non_finite_doubles_are_rejected_naming_the_property(double value)
    {
        var (store, table) = await NewTableAsync();
        var error = await Assert.ThrowsAsync<TesseraValidationException>(() => store.InsertAsync(table, Entity("p", "r", ("Sharpe", value))));
        Assert.Equal("Sharpe", error.Field);
        Assert.Null(await store.GetAsync<TableEntity>(table, "p", "r"));
    }

    [Fact]
    public async Task Unsupported_property_types_are_rejected_naming_the_property()
    {
        var (store, table) = await NewTableAsync();
        var error = await Assert.ThrowsAsync<TesseraValidationException>(() => store.InsertAsync(table, Entity("p", "r", ("Price", 1.5m))));
        Assert.Equal("Price", error.Field);
    }
}
