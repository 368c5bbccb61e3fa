import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// CI runs two test suites at once on two cores: a dialog round trip through
// msw can take longer than Testing Library's default 1 s wait.
configure({ asyncUtilTimeout: 5_000 });
