import { useAuth } from '../auth/AuthContext';
import { QueuesPage } from '../moderator/QueuesPage';

/** Senior moderators: the escalation queues. Policy experts: the appeals queue. */
export function ReviewQueuesPage() {
  const { me } = useAuth();
  const senior = me.roles.includes('senior-moderator');
  const expert = me.roles.includes('policy-expert');
  return (
    <>
      {expert && (
        <QueuesPage title="Appeals waiting for a policy expert" only={(q) => q === 'appeals'} itemPath={(id) => `/review/appeals/${id}`} />
      )}
      {senior && (
        <QueuesPage
          title="Escalations"
          only={(q) => q === 'senior' || q === 'senior-policy' || q === 'legal-orders'}
          itemPath={(id) => `/review/items/${id}`}
        />
      )}
    </>
  );
}
