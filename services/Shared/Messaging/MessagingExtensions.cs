using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Messaging.Outbox;

namespace SocialPrescribing.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ (connection string <c>messaging</c>, <c>amqp://user:pass@host:port/vhost</c>)
    /// plus the outbox relay for <typeparamref name="TDbContext"/>. Queues are named after
    /// <paramref name="serviceName"/> and the consumer, e.g. <c>case-management-open-case</c>.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TDbContext>(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configureConsumers = null)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.Messaging);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ResourceNames.Messaging} is not set. Start the suite through the AppHost, " +
                "or set it to amqp://user:password@host:5672/vhost.");
        }

        var broker = new Uri(connectionString);
        var userInfo = broker.UserInfo.Split(':', 2);
        var vhost = broker.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";

        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        AddOutboxSignal(builder.Services);
        // A commit that wrote an outbox row wakes the relay at once (the service's context comes from AddServiceDbContext).
        builder.Services.ConfigureDbContext<TDbContext>((services, options) => options.AddInterceptors(services.GetRequiredService<OutboxCommitInterceptor>()));
        builder.Services.AddHostedService<OutboxRelay<TDbContext>>();
        // The key the dashboard's commands use: a secret, required outside Development.
        SocialPrescribing.Configuration.RequiredSettings.Secret(builder.Configuration, builder.Environment, FailedMessagesApi.OperatorKeySetting, developmentValue: null);
        builder.Services.AddFailedMessages(serviceName);
        var quorum = QueueTypeOf(builder.Configuration) == QueueType.Quorum;

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            configureConsumers?.Invoke(bus);
            if (quorum)
            {
                // Replicated queues for a RabbitMQ cluster (docs/deploy.md). A queue's type is fixed when
                // it is declared: switching an existing broker means new queues (or a new virtual host).
                bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
                {
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint)
                    {
                        rabbitEndpoint.SetQuorumQueue();
                    }
                });
            }

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, (ushort)(broker.Port > 0 ? broker.Port : 5672), vhost, host =>
                {
                    host.Username(Uri.UnescapeDataString(userInfo[0]));
                    host.Password(userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "");
                    host.ConnectionName(serviceName);
                });
                rabbit.PrefetchCount = context.GetRequiredService<Microsoft.Extensions.Options.IOptions<MessagingOptions>>().Value.PrefetchCount;
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary><c>Messaging:QueueType</c>: <c>classic</c> (the default) or <c>quorum</c>; anything else is refused at start.</summary>
    public static QueueType QueueTypeOf(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[$"{MessagingOptions.SectionName}:{nameof(MessagingOptions.QueueType)}"];
        return string.IsNullOrWhiteSpace(value) ? QueueType.Classic
            : Enum.TryParse<QueueType>(value, ignoreCase: true, out var type) && Enum.IsDefined(type) ? type
            : throw new InvalidOperationException($"Messaging:QueueType must be 'classic' or 'quorum', not '{value}'.");
    }

    /// <summary>Registers a consumer with the shared retry / redelivery / error-queue definition.</summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddInboxConsumer<TConsumer>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer
    {
        ArgumentNullException.ThrowIfNull(bus);
        return bus.AddConsumer<TConsumer, InboxConsumerDefinition<TConsumer>>();
    }

    private static void AddOutboxSignal(IServiceCollection services)
    {
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxCommitInterceptor>();
    }
}
