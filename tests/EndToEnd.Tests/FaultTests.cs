using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Xunit.Abstractions;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// While referrals arrive at a steady rate, a part of the suite fails; afterwards every accepted
/// referral is exactly one case, no outbox holds an undelivered event and no _error queue a message.
/// Each scenario prints "N accepted, N cases, 0 lost, 0 doubled" and ends by itself.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class FaultTests(FaultSuiteFixture suite, ITestOutputHelper output)
{
    private const int PerSecond = 10;
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Convergence = TimeSpan.FromMinutes(2);

    [Fact]
    public Task Restarting_RabbitMQ_loses_no_referral() =>
        UnderLoadAsync("RabbitMQ restarted", async ct =>
        {
            await suite.StopBrokerAsync(ct);
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            await suite.StartBrokerAsync(ct);
        });

    [Fact]
    public Task Killing_and_restarting_Case_Management_loses_no_referral() =>
        UnderLoadAsync("Case Management killed and restarted", async ct =>
        {
            var copies = await suite.RunningAsync(ResourceNames.CaseManagement, FaultSuiteFixture.CaseReplicas, ct);
            foreach (var (_, pid) in copies)
            {
                FaultSuiteFixture.KillTree(pid);
            }

            foreach (var id in copies.Keys)
            {
                await suite.ExitedAsync(id, ct);
            }

            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            foreach (var id in copies.Keys)
            {
                await suite.StartAsync(id, ct);
            }

            await suite.RunningAsync(ResourceNames.CaseManagement, FaultSuiteFixture.CaseReplicas, ct);
        });

    [Fact]
    public Task Restarting_PostgreSQL_loses_no_referral() =>
        UnderLoadAsync("PostgreSQL restarted", async ct =>
        {
            var (id, pid) = (await suite.RunningAsync(LocalServerNames.Postgres, 1, ct)).Single();
            // SIGINT: PostgreSQL's fast shutdown (open transactions roll back, connections close).
            FaultSuiteFixture.Signal(pid, "INT");
            await suite.ExitedAsync(id, ct);
            await suite.StartAsync(id, ct);
            await suite.RunningAsync(LocalServerNames.Postgres, 1, ct);
        });

    [Fact]
    public async Task Case_Management_runs_as_competing_replicas_without_doubling_a_case()
    {
        await UnderLoadAsync("Case Management as 2 replicas", async ct =>
        {
            Assert.Equal(FaultSuiteFixture.CaseReplicas, (await suite.RunningAsync(ResourceNames.CaseManagement, FaultSuiteFixture.CaseReplicas, ct)).Count);
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
        });

        // Both copies read the same quorum queue: two consumers on it.
        await using var connection = await new RabbitMQ.Client.ConnectionFactory
        {
            Uri = new Uri((await suite.App.GetConnectionStringAsync(ResourceNames.Messaging))!),
        }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = await channel.QueueDeclarePassiveAsync($"{ResourceNames.CaseManagement}-open-case-on-referral-submitted");
        Assert.Equal((uint)FaultSuiteFixture.CaseReplicas, queue.ConsumerCount);
    }

    [Fact]
    public Task Pausing_the_broker_for_30_seconds_loses_no_referral() =>
        UnderLoadAsync("RabbitMQ paused for 30 s", async ct =>
        {
            var (_, script) = (await suite.RunningAsync(SuiteFixture.RabbitMqServer, 1, ct)).Single();
            // The Erlang VM runs as a child of the rabbitmq-server script: freeze it, sockets and all.
            var node = Assert.Single(FaultSuiteFixture.ChildrenOf(script));
            FaultSuiteFixture.Signal(node, "STOP");
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
            }
            finally
            {
                FaultSuiteFixture.Signal(node, "CONT");
            }
        });

    [Fact]
    public Task Stopping_intake_with_SIGTERM_finishes_what_it_accepted() =>
        UnderLoadAsync("Referral Intake stopped (SIGTERM) and restarted", async ct =>
        {
            var (id, pid) = (await suite.RunningAsync(ResourceNames.ReferralIntake, 1, ct)).Single();
            FaultSuiteFixture.Signal(FaultSuiteFixture.ServiceProcessOf(pid), "TERM");
            // A graceful stop: requests in flight answered, consumers stopped between messages, exit code 0.
            Assert.Equal(0, await suite.ExitedAsync(id, ct));
            await suite.StartAsync(id, ct);
            await suite.RunningAsync(ResourceNames.ReferralIntake, 1, ct);
        });

    [Fact]
    public Task Stopping_Case_Management_with_SIGTERM_leaves_nothing_half_written() =>
        UnderLoadAsync("Case Management stopped (SIGTERM) and restarted", async ct =>
        {
            var copies = await suite.RunningAsync(ResourceNames.CaseManagement, FaultSuiteFixture.CaseReplicas, ct);
            foreach (var (_, pid) in copies)
            {
                FaultSuiteFixture.Signal(FaultSuiteFixture.ServiceProcessOf(pid), "TERM");
            }

            foreach (var id in copies.Keys)
            {
                Assert.Equal(0, await suite.ExitedAsync(id, ct));
            }

            foreach (var id in copies.Keys)
            {
                await suite.StartAsync(id, ct);
            }

            await suite.RunningAsync(ResourceNames.CaseManagement, FaultSuiteFixture.CaseReplicas, ct);
        });

    /// <summary>Steady referrals, the fault, steady referrals again; then the counts once the suite has caught up.</summary>
    private async Task UnderLoadAsync(string scenario, Func<CancellationToken, Task> fault)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var admin = await suite.SignedInAsync("admin");
        await using (var load = new SteadyReferrals(suite.App.GetEndpoint(ResourceNames.Gateway, "http"), PerSecond))
        {
            await Task.Delay(Steady, cts.Token);
            await fault(cts.Token);
            await Task.Delay(Steady, cts.Token);
            await load.StopAsync();

            var accepted = load.Accepted.ToArray();
            Assert.True(accepted.Length >= PerSecond, $"{scenario}: only {accepted.Length} referrals were accepted");
            var counts = await suite.CountCasesAsync(accepted);
            var deadline = DateTime.UtcNow + Convergence;
            long undelivered = 0, failed = 0;
            while (DateTime.UtcNow < deadline)
            {
                counts = await suite.CountCasesAsync(accepted);
                undelivered = await suite.UndeliveredAsync();
                failed = await suite.FailedMessagesAsync(admin);
                if (counts.Lost == 0 && undelivered == 0)
                {
                    break;
                }

                await Task.Delay(500, cts.Token);
            }

            output.WriteLine($"Fault scenario '{scenario}': {counts}; {undelivered} undelivered in outboxes, {failed} in _error queues; " +
                             $"while it lasted: {load.RefusalsSummary}");
            if (undelivered > 0)
            {
                output.WriteLine($"Undelivered: {await suite.UndeliveredDetailAsync()}");
            }

            if (failed > 0)
            {
                output.WriteLine($"Failed: {await suite.FailedMessagesDetailAsync(admin)}");
            }

            Assert.Equal(counts.Accepted, counts.Cases);
            Assert.Equal(0, counts.Lost);
            Assert.Equal(0, counts.Doubled);
            Assert.Equal(0, undelivered);
            Assert.Equal(0, failed);
            // Every refusal was a clean answer while a part was down (502, 503), never a 500 or a broken connection.
            Assert.All(load.Refused.Keys, status => Assert.Contains(status, new[] { 502, 503, 504 }));
        }
    }
}

/// <summary>Resource names the AppHost gives the machine's own servers.</summary>
internal static class LocalServerNames
{
    public const string Postgres = "postgres-server";
}
