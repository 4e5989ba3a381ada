import { Navigate, Route, Routes } from 'react-router-dom';
import { useAuth } from './auth/AuthContext';
import { RequireArea } from './auth/RequireArea';
import { homeFor } from './auth/roles';
import { Layout } from './common/Layout';
import { NotAllowed } from './common/NotAllowed';
import { MyDecisionsPage } from './appellant/MyDecisionsPage';
import { AppealFormPage } from './appellant/AppealFormPage';
import { MyAppealPage } from './appellant/MyAppealPage';
import { QueuesPage } from './moderator/QueuesPage';
import { CasePage } from './moderator/CasePage';
import { ReviewQueuesPage } from './review/ReviewQueuesPage';
import { AppealReviewPage } from './review/AppealReviewPage';
import { PolicyPage } from './policy/PolicyPage';
import { DraftPage } from './policy/DraftPage';
import { AuditPage } from './auditor/AuditPage';

export function App() {
  const { me } = useAuth();
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Navigate to={homeFor(me.roles)} replace />} />
        <Route path="my" element={<RequireArea area="my"><MyDecisionsPage /></RequireArea>} />
        <Route path="my/decisions/:decisionId/appeal" element={<RequireArea area="my"><AppealFormPage /></RequireArea>} />
        <Route path="my/appeals/:appealId" element={<RequireArea area="my"><MyAppealPage /></RequireArea>} />
        <Route path="moderator" element={<RequireArea area="moderator"><QueuesPage /></RequireArea>} />
        <Route path="moderator/items/:itemId" element={<RequireArea area="moderator"><CasePage /></RequireArea>} />
        <Route path="review" element={<RequireArea area="review"><ReviewQueuesPage /></RequireArea>} />
        <Route path="review/items/:itemId" element={<RequireArea area="review"><CasePage /></RequireArea>} />
        <Route path="review/appeals/:itemId" element={<RequireArea area="review"><AppealReviewPage /></RequireArea>} />
        <Route path="policy" element={<RequireArea area="policy"><PolicyPage /></RequireArea>} />
        <Route path="policy/drafts/:draftId" element={<RequireArea area="policy"><DraftPage /></RequireArea>} />
        <Route path="audit" element={<RequireArea area="audit"><AuditPage /></RequireArea>} />
        <Route path="not-allowed" element={<NotAllowed />} />
        <Route path="callback" element={<Navigate to={homeFor(me.roles)} replace />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function NotFound() {
  return (
    <section className="panel">
      <h1>Page not found</h1>
      <p>There is no page at this address.</p>
    </section>
  );
}
