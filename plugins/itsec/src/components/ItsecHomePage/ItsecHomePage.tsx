import { Content, Header, Page } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Grid from '@material-ui/core/Grid';
import { itsecAuditReadPermission } from '@internal/plugin-itsec-common';
import { MyScorecardsCard } from './MyScorecardsCard';
import { MyTasksCard } from './MyTasksCard';
import { ItsoOverviewCard } from './ItsoOverviewCard';

/**
 * The home page: what the signed-in person has to do. Members of the ITSO
 * group (who may read the audit log) also see the portfolio this week.
 */
export function ItsecHomePage() {
  const itso = usePermission({ permission: itsecAuditReadPermission });
  return (
    <Page themeId="home">
      <Header title="Home" subtitle="What do I have to do?" />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} lg={6}>
            <MyTasksCard />
          </Grid>
          <Grid item xs={12} lg={6}>
            <MyScorecardsCard />
          </Grid>
          {itso.allowed && (
            <Grid item xs={12} lg={6}>
              <ItsoOverviewCard />
            </Grid>
          )}
        </Grid>
      </Content>
    </Page>
  );
}
