using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SocialPrescribing.Messaging.Retention;

namespace SocialPrescribing.Messaging.Tests;

/// <summary>
/// The retention job's cadence, on a clock the test moves (a FakeTimeProvider): the first run comes
/// <c>Retention:FirstCheckAfter</c> after start, the next only when a day has passed since it, whatever the hourly
/// checks in between; a restarted copy does not run again the same day.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class RetentionJobTests(MessagingFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_job_runs_soon_after_start_then_once_a_day_and_not_again_after_a_restart()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        var settings = new Dictionary<string, string?> { ["Retention:FirstCheckAfter"] = "00:02:00" };
        void Configure(HostApplicationBuilder builder)
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.AddRetention<TestDbContext>(_ => { });
        }

        var service = "mt-" + Guid.NewGuid().ToString("N")[..8];
        var first = await fixture.StartServiceAsync(service, settings, Configure);
        var beforeFirstCheck = await RunsAsync();
        clock.Advance(TimeSpan.FromMinutes(2));
        await Wait.Until(async () => (await RunsAsync()).Count == 1);
        clock.Advance(TimeSpan.FromHours(23));
        await Task.Delay(500);
        var sameDay = await RunsAsync();
        await first.StopAsync();
        first.Dispose();

        // A copy started later that day finds the day's run done; the next day it runs again.
        using var second = await fixture.StartServiceAsync(service, settings, Configure);
        clock.Advance(TimeSpan.FromMinutes(2));
        await Task.Delay(500);
        var afterRestart = await RunsAsync();
        clock.Advance(TimeSpan.FromHours(1));
        await Wait.Until(async () => (await RunsAsync()).Count == 2);
        var runs = await RunsAsync();
        await second.StopAsync();

        Assert.Empty(beforeFirstCheck);
        Assert.Single(sameDay);
        Assert.Single(afterRestart);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 2, 0, TimeSpan.Zero), runs[0].AsOf);
        Assert.True(runs[1].AsOf - runs[0].AsOf >= TimeSpan.FromDays(1));
        Assert.All(runs, r => Assert.Equal([RetentionJob<TestDbContext>.AuditRule, RetentionJob<TestDbContext>.FailedMessagesRule], r.Removed.Keys.Order()));
    }

    private async Task<List<RetentionRun>> RunsAsync()
    {
        await using var db = fixture.NewDbContext();
        return await db.Set<RetentionRun>().OrderBy(r => r.AsOf).ToListAsync();
    }
}
