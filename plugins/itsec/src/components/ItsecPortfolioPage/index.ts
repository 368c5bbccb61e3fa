export { ItsecPortfolioPage, PortfolioContent } from './ItsecPortfolioPage';
