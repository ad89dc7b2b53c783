using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client.Exceptions;
using SocialPrescribing.Authentication;

namespace SocialPrescribing.Messaging.Failures;

/// <summary>
/// <c>GET {prefix}/admin/failed-messages</c> and <c>POST {prefix}/admin/failed-messages/replay</c>:
/// for admins (through the gateway), or for the AppHost's dashboard command, which calls the service
/// directly with the operator key (<c>Operations:Key</c>, header <c>X-Operator-Key</c>; the gateway
/// never forwards that header).
/// </summary>
public static class FailedMessagesApi
{
    public const string OperatorPolicy = "failed-messages-operator";
    public const string OperatorKeyHeader = "X-Operator-Key";

    /// <summary>The operator key's setting (a secret: required outside Development).</summary>
    public const string OperatorKeySetting = "Operations:Key";

    internal static void AddFailedMessages(this IServiceCollection services, string serviceName)
    {
        var endpoints = new ReceiveEndpoints(serviceName);
        services.AddSingleton(endpoints);
        services.AddReceiveEndpointObserver(_ => endpoints);
        services.AddSingleton<FailedMessages>();
        services.AddAuthorizationBuilder().AddPolicy(OperatorPolicy, policy => policy.RequireAssertion(context =>
            context.User.IsInRole(SuiteRoles.Admin)
            || (context.Resource is HttpContext http && HasOperatorKey(http))));
    }

    public static IEndpointRouteBuilder MapFailedMessagesApi(this IEndpointRouteBuilder app, string prefix)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup($"{prefix}/admin/failed-messages")
            .RequireAuthorization(OperatorPolicy)
            .WithTags("Operations");
        group.MapGet("", ListAsync)
            .WithSummary("Messages this service's consumers gave up on, per _error queue (without their bodies)")
            .WithMetadata(SocialPrescribing.Authorization.RecordScope.None);
        group.MapPost("/replay", ReplayAsync)
            .WithSummary("Moves failed messages (all, or ?messageId=) back to the queue they failed in");
        return app;
    }

    public static async Task<Results<Ok<FailedMessagesList>, ValidationProblem, ProblemHttpResult>> ListAsync(
        FailedMessages failed, string? perQueue, CancellationToken cancellationToken)
    {
        var take = 20;
        if (perQueue is not null && (!int.TryParse(perQueue, out take) || take is < 1 or > 500))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["perQueue"] = ["Give a whole number from 1 to 500."],
            });
        }

        return await WithBrokerAsync(async () =>
        {
            var queues = await failed.ListAsync(take, cancellationToken);
            return new FailedMessagesList(queues.Sum(q => (long)q.Count), queues);
        });
    }

    public static async Task<Results<Ok<ReplayResult>, ValidationProblem, ProblemHttpResult>> ReplayAsync(
        FailedMessages failed, string? messageId, CancellationToken cancellationToken)
    {
        Guid? only = null;
        if (messageId is not null)
        {
            if (!Guid.TryParse(messageId, out var id))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["messageId"] = ["Give the message id as listed (a GUID)."],
                });
            }

            only = id;
        }

        return await WithBrokerAsync(async () => new ReplayResult(await failed.ReplayAsync(only, cancellationToken)));
    }

    private static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> WithBrokerAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return TypedResults.Ok(await action());
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The message broker cannot be reached.",
                detail: "Nothing was moved. Try again when the broker is back.");
        }
    }

    private static bool HasOperatorKey(HttpContext http)
    {
        var expected = http.RequestServices.GetRequiredService<IConfiguration>()[OperatorKeySetting];
        var given = http.Request.Headers[OperatorKeyHeader].ToString();
        return expected is { Length: >= 16 } && given.Length > 0
               && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
    }
}

public sealed record FailedMessagesList(long Total, IReadOnlyList<FailedQueue> Queues);

public sealed record ReplayResult(int Replayed);
