using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using SocialPrescribing.Messaging.Outbox;

namespace SocialPrescribing.Messaging.Tests;

/// <summary>
/// An event travels inside the trace of the work that raised it: the outbox keeps the trace context, so
/// the relay's publish and the consumer's handling (with its SQL) join that trace, while the relay's own
/// polling, locking and deleting make no spans at all.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class TracingTests(MessagingFixture fixture) : IAsyncLifetime
{
    private static readonly ActivitySource Raiser = new("Messaging.Tests.Raiser");

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_event_is_published_and_handled_inside_the_trace_that_raised_it()
    {
        var ended = new ConcurrentQueue<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(Raiser.Name, "SocialPrescribing.Messaging", "MassTransit", "Npgsql")
            .SetSampler(new AlwaysOnSampler())
            .AddProcessor(new Collect(ended))
            .Build();
        using var host = await fixture.StartServiceAsync("mt-" + Guid.NewGuid().ToString("N")[..8]);

        var evt = new ThingHappened(Guid.NewGuid(), DateTimeOffset.UtcNow, "traced", 1);
        ActivityTraceId traceId;
        using (var raising = Raiser.StartActivity("raise the event"))
        {
            Assert.NotNull(raising);
            traceId = raising.TraceId;
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            db.AddIntegrationEvent(evt, evt.AggregateId);
            await db.SaveChangesAsync();
        }

        await Wait.Until(async () =>
        {
            using var untraced = SuppressInstrumentationScope.Begin();
            await using var scope = host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TestDbContext>().Effects.AnyAsync(e => e.EventId == evt.Id);
        });
        await host.StopAsync();

        var trace = ended.Where(a => a.TraceId == traceId).ToList();
        var relayed = Assert.Single(trace, a => a.Source.Name == "SocialPrescribing.Messaging");
        Assert.Equal(evt.Id.ToString(), relayed.GetTagItem("messaging.message.id")?.ToString());
        Assert.Contains(trace, a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Producer && a.ParentSpanId == relayed.SpanId);
        Assert.Contains(trace, a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer);
        // The consumer's own SQL is part of the trace...
        Assert.Contains(trace, a => a.Source.Name == "Npgsql" && Statement(a).Contains("INSERT INTO effects", StringComparison.OrdinalIgnoreCase));
        // ...the relay's never is, in any trace.
        Assert.DoesNotContain(ended, a => a.Source.Name == "Npgsql"
                                          && (Statement(a).Contains("pg_try_advisory_xact_lock", StringComparison.Ordinal)
                                              || Statement(a).Contains("DELETE FROM outbox_messages", StringComparison.OrdinalIgnoreCase)));
        await using var afterwards = fixture.NewDbContext();
        Assert.Equal(0, await afterwards.Set<OutboxMessage>().CountAsync());
    }

    private static string Statement(Activity activity) =>
        (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement"))?.ToString() ?? "";

    private sealed class Collect(ConcurrentQueue<Activity> ended) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => ended.Enqueue(data);
    }
}
