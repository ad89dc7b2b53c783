using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.Notifications.Tests;

/// <summary>The Notifications service on a real PostgreSQL, RabbitMQ and smtp4dev.</summary>
public sealed class NotificationsFactory : ServiceFactory<Program>
{
    protected override string DatabaseName => ResourceNames.NotificationsDb;

    /// <summary>The bearer token GOV.UK Notify's callbacks carry (Notify:CallbackToken).</summary>
    public const string CallbackToken = "notify-callback-token-for-tests";

    public MailCatcher Mail { get; private set; } = null!;

    /// <summary>The service's clock: real time moved to a time of day a test chooses (midday in London unless told).</summary>
    public ShiftedClock Clock { get; } = new();

    protected override async Task StartServersAsync() => Mail = await MailCatcher.StartAsync();

    protected override async ValueTask StopServersAsync() => await Mail.DisposeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Mail}", Mail.ConnectionString);
        builder.UseSetting("Notifications:PollInterval", "00:00:00.200");
        builder.UseSetting("Notify:CallbackToken", CallbackToken);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public override async Task ResetAsync()
    {
        Clock.SetLondonTime(new TimeOnly(12, 0));
        await base.ResetAsync();
        await Mail.ClearAsync();
    }

    /// <summary>Publishes an event through the real broker, as another service would, and waits until it is handled.</summary>
    public async Task PublishAsync<T>(T message) where T : class, IIntegrationEvent
    {
        await Services.GetRequiredService<IBus>().Publish(message, ctx => ctx.MessageId = message.Id);
        await Eventually(async () => await QueryAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.MessageId == message.Id)));
    }

    public async Task<T> QueryAsync<T>(Func<NotificationsDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>());
    }
}

/// <summary>Real time, shifted so the London wall clock shows the time a test set (timers run as usual).</summary>
public sealed class ShiftedClock : TimeProvider
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public TimeSpan Offset { get; private set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    /// <summary>Today's (or, <paramref name="days"/> on, that day's) <paramref name="time"/> in London.</summary>
    public void SetLondonTime(TimeOnly time, int days = 0)
    {
        var real = System.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(real, London).DateTime).AddDays(days);
        var wanted = today.ToDateTime(time);
        Offset = new DateTimeOffset(wanted, London.GetUtcOffset(wanted)) - real;
    }
}

[CollectionDefinition(Name)]
public sealed class NotificationsCollection : ICollectionFixture<NotificationsFactory>
{
    public const string Name = "notifications";
}
