using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Persistence;

namespace SocialPrescribing.Notifications.Infrastructure;

internal sealed class NotificationsDbContextFactory : DesignTimeDbContextFactory<NotificationsDbContext>
{
    protected override NotificationsDbContext Create(DbContextOptions<NotificationsDbContext> options) => new(options);
}
