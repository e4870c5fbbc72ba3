namespace Tessera.Alpaca.Tests.Support;

/// <summary>Alpaca responses as the documentation shows them (plus the variations users met: nanoseconds, missing and unknown fields).</summary>
public static class Fixtures
{
    public const string Order = """
        {"id":"61e69015-8549-4bfd-b9c3-01e75843f47d","client_order_id":"eb9e2aaa-f71a-4f51-b5b4-52a6c565dad4",
         "created_at":"2021-03-16T18:38:01.942282Z","updated_at":"2021-03-16T18:38:01.942282123Z","submitted_at":"2021-03-16T18:38:01.937734Z",
         "filled_at":null,"expired_at":null,"canceled_at":null,"failed_at":null,"replaced_at":null,"replaced_by":null,"replaces":null,
         "asset_id":"b0b6dd9d-8b9b-48a9-ba46-b9d54906e415","symbol":"AAPL","asset_class":"us_equity","notional":"500","qty":null,
         "filled_qty":"0","filled_avg_price":null,"order_class":"","order_type":"market","type":"market","side":"buy",
         "time_in_force":"day","limit_price":null,"stop_price":null,"status":"accepted","extended_hours":false,"legs":null,
         "trail_percent":null,"trail_price":null,"hwm":null,"subtag":null,"source":null,"position_intent":"buy_to_open"}
        """;

    public const string Account = """
        {"id":"904837e3-3b76-47ec-b432-046db621571b","account_number":"PA3TESTFIXT1","status":"ACTIVE","currency":"USD",
         "cash":"52840.17","portfolio_value":"100210.55","equity":"100210.55","last_equity":"99870.10","buying_power":"152840.17",
         "long_market_value":"47370.38","short_market_value":"0","trading_blocked":false,"transfers_blocked":false,"account_blocked":false,
         "shorting_enabled":true,"multiplier":"2","options_buying_power":"1000","some_field_added_in_2027":{"nested":[1,2,3]}}
        """;

    public const string Position = """
        {"asset_id":"b0b6dd9d-8b9b-48a9-ba46-b9d54906e415","symbol":"SPY","exchange":"ARCA","asset_class":"us_equity",
         "avg_entry_price":"512.10","qty":"-12.345678901","qty_available":"-12.345678901","side":"short","market_value":"-6321.55",
         "cost_basis":"-6321.55","unrealized_pl":"12.34","unrealized_plpc":"0.0019","current_price":"512.05","lastday_price":"510",
         "change_today":"0.004","asset_marginable":true}
        """;
}
