using Npgsql;
using SocialPrescribing.Persistence;

namespace SocialPrescribing.Messaging.Tests;

public sealed class ConnectionSettingsTests
{
    [Fact]
    public void A_service_connection_prepares_repeated_statements_and_skips_the_reset_on_return()
    {
        var settings = new NpgsqlConnectionStringBuilder(
            PersistenceExtensions.WithPreparedStatements("Host=127.0.0.1;Port=5432;Username=postgres;Database=referraldb"));

        Assert.Equal(64, settings.MaxAutoPrepare);
        Assert.Equal(2, settings.AutoPrepareMinUsages);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal("referraldb", settings.Database);
    }

    [Fact]
    public void An_operator_who_sets_max_auto_prepare_keeps_their_own_settings()
    {
        var settings = new NpgsqlConnectionStringBuilder(
            PersistenceExtensions.WithPreparedStatements("Host=db;Database=casedb;Max Auto Prepare=8"));

        Assert.Equal(8, settings.MaxAutoPrepare);
        Assert.False(settings.NoResetOnClose);
    }
}
