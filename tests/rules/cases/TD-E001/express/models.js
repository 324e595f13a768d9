const { DataTypes, Sequelize } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL);

const Document = sequelize.define('Document', {
  title: DataTypes.STRING,
  ownerId: DataTypes.INTEGER,
});

module.exports = { Document };
